namespace WiseSync.Pipeline.Internal;

/// <summary>
/// The PSA writes of a connection that the PSA refused in earlier runs, loaded once per run: counts a refusal at most once
/// per run and invoice, turns the write into an orphan after <see cref="WiseSyncOptions.OrphanAfterFailedRuns"/> runs, and
/// forgets it once it succeeds. Only a refusal of the one invoice counts — a call that fails as a whole (an outage, a
/// limit) says nothing about the invoice.
/// </summary>
internal sealed class PsaWriteFailures
{
    private readonly ISyncLedger _ledger;
    private readonly string _connection;
    private readonly Dictionary<(PsaWriteKind, string), FailedPsaWrite> _known;
    private readonly HashSet<(PsaWriteKind, string)> _countedThisRun = [];

    private PsaWriteFailures(ISyncLedger ledger, string connection, int orphanAfter, IEnumerable<FailedPsaWrite> known)
    {
        _ledger = ledger;
        _connection = connection;
        OrphanAfter = Math.Max(1, orphanAfter);
        _known = known.ToDictionary(f => (f.Kind, f.PsaInvoiceId));
    }

    public int OrphanAfter { get; }

    public static async Task<PsaWriteFailures> LoadAsync(ISyncLedger ledger, string connection, int orphanAfter, CancellationToken cancellationToken) =>
        new(ledger, connection, orphanAfter, await ledger.GetFailedPsaWritesAsync(connection, cancellationToken).ConfigureAwait(false));

    /// <summary>The orphan of this kind and invoice, or null.</summary>
    public FailedPsaWrite? Orphan(PsaWriteKind kind, string psaInvoiceId) =>
        _known.TryGetValue((kind, psaInvoiceId), out var failure) && failure.IsOrphan ? failure : null;

    public IEnumerable<FailedPsaWrite> Orphans(PsaWriteKind kind) => _known.Values.Where(f => f.Kind == kind && f.IsOrphan);

    /// <summary>Counts one refusal (once per run and invoice) and stores it; an orphan once the count reaches the limit.</summary>
    public async Task<FailedPsaWrite> RecordAsync(PsaWriteKind kind, string psaInvoiceId, string? psaNumber, string? accountingInvoiceId, string? accountingNumber,
        string error, Instant now, CancellationToken cancellationToken)
    {
        var key = (kind, psaInvoiceId);
        var previous = _known.GetValueOrDefault(key);
        var runs = (previous?.FailedRuns ?? 0) + (_countedThisRun.Add(key) ? 1 : 0);
        var failure = new FailedPsaWrite(_connection, psaInvoiceId, kind, Math.Max(1, runs), error, now)
        {
            PsaNumber = psaNumber ?? previous?.PsaNumber,
            AccountingInvoiceId = accountingInvoiceId ?? previous?.AccountingInvoiceId,
            AccountingNumber = accountingNumber ?? previous?.AccountingNumber,
            OrphanedAt = previous?.OrphanedAt ?? (runs >= OrphanAfter ? now : null),
        };
        _known[key] = failure;
        await _ledger.SaveFailedPsaWritesAsync([failure], cancellationToken).ConfigureAwait(false);
        return failure;
    }

    /// <summary>Forgets the refusals of writes that have now succeeded.</summary>
    public Task SucceededAsync(PsaWriteKind kind, IEnumerable<string> psaInvoiceIds, CancellationToken cancellationToken)
    {
        var known = psaInvoiceIds.Where(id => _known.Remove((kind, id))).ToList();
        return known.Count == 0 ? Task.CompletedTask : _ledger.DeleteFailedPsaWritesAsync(_connection, kind, known, cancellationToken);
    }

    /// <summary>What the report says about a refused write: when the next run tries again, or that it is an orphan now.</summary>
    public string Describe(FailedPsaWrite failure, string psa, string sink) => failure.Kind switch
    {
        PsaWriteKind.SyncedMark when failure.IsOrphan =>
            $"Orphan: posted to {sink} as {failure.AccountingNumber} (id {failure.AccountingInvoiceId}), but {psa} refused the synced mark of invoice " +
            $"{failure.PsaNumber} (id {failure.PsaInvoiceId}) in {failure.FailedRuns} run(s) (last: {failure.LastError}). It is no longer retried: " +
            $"resolve it by hand (mark the invoice synced in {psa}, or void the {sink} document), then dismiss the orphan.",
        PsaWriteKind.SyncedMark =>
            $"Posted to {sink} as {failure.AccountingNumber}, but the {psa} synced mark was not written ({failure.LastError}); the next run tries again " +
            $"({failure.FailedRuns} of {OrphanAfter} runs failed; then it is reported as an orphan).",
        _ when failure.IsOrphan =>
            $"Orphan: paid in {sink} as {failure.AccountingNumber} (id {failure.AccountingInvoiceId}), but {psa} refused the paid date of invoice " +
            $"{failure.PsaNumber} (id {failure.PsaInvoiceId}) in {failure.FailedRuns} run(s) (last: {failure.LastError}). It is no longer retried: " +
            $"record the payment in {psa} by hand, then dismiss the orphan.",
        _ =>
            $"Paid in {sink}, but the {psa} paid date was not written ({failure.LastError}); the next payments run tries again " +
            $"({failure.FailedRuns} of {OrphanAfter} runs failed; then it is reported as an orphan).",
    };
}
