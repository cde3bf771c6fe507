using System.Text;

namespace WiseSync.QuickBooks.Api;

/// <summary>Builds statements of the QBO query language (reference Part 2.6): no OR, no JOIN; IN for bulk look-ups.</summary>
internal static class QboQuery
{
    /// <summary>QBO allows at most 1000 rows per page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Quotes a literal. A quote is escaped as <c>\'</c> (reference Part 2.4).</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>An <c>IN (…)</c> list of quoted literals.</summary>
    public static string InList(IEnumerable<string> values) => "(" + string.Join(",", values.Select(Literal)) + ")";

    /// <summary><c>select * from {entity} where {conditions} STARTPOSITION n MAXRESULTS m</c>.</summary>
    public static string Select(string entity, IReadOnlyList<string> conditions, int startPosition = 1, int maxResults = MaxPageSize)
    {
        var sb = new StringBuilder("select * from ").Append(entity);
        for (var i = 0; i < conditions.Count; i++)
        {
            sb.Append(i == 0 ? " where " : " and ").Append(conditions[i]);
        }

        return sb.Append(" STARTPOSITION ").Append(startPosition).Append(" MAXRESULTS ").Append(maxResults).ToString();
    }
}
