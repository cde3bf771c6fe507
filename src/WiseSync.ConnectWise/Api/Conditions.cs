using System.Globalization;
using NodaTime;

namespace WiseSync.ConnectWise.Api;

/// <summary>Builds ConnectWise <c>conditions</c> strings: strings in double quotes, dates in square brackets (reference/psa-apis.md §2.2).</summary>
internal static class Conditions
{
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Date(LocalDate date) => "[" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z]";

    public static string In(string field, IEnumerable<int> ids) =>
        $"{field} in ({string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";

    public static string And(params IEnumerable<string?> clauses) =>
        string.Join(" and ", clauses.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Contains(" or ", StringComparison.Ordinal) ? $"({c})" : c));

    public static IEnumerable<int[]> Chunk(IEnumerable<int> ids, int size) => ids.Distinct().Order().Chunk(Math.Max(1, size));
}
