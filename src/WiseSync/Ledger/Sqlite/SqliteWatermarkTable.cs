using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>watermarks</c>: small named values a run resumes from.</summary>
internal sealed class SqliteWatermarkTable(SqliteDatabase database) : SqliteTable(database), IWatermarkTable
{
    public async Task<string?> GetWatermarkAsync(string key, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("SELECT value FROM watermarks WHERE key = $k;", r => r.GetString(0), cancellationToken, ("$k", key)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task SetWatermarkAsync(string key, string value, CancellationToken cancellationToken) =>
        ExecuteOnceAsync("INSERT INTO watermarks (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
            cancellationToken, ("$k", key), ("$v", value));
}
