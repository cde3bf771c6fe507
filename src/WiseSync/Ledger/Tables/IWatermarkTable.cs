namespace WiseSync.Ledger.Tables;

/// <summary>Small named values a run resumes from. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IWatermarkTable
{
    Task<string?> GetWatermarkAsync(string key, CancellationToken cancellationToken);

    Task SetWatermarkAsync(string key, string value, CancellationToken cancellationToken);
}
