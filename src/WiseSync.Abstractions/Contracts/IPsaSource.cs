using NodaTime;

namespace WiseSync;

/// <summary>Reads invoices from a PSA and writes the synced and paid marks back.</summary>
public interface IPsaSource
{
    /// <summary>A short name of the PSA for messages ("Autotask").</summary>
    string Name { get; }

    /// <summary>What the PSA accepts in one write; <see cref="PsaCapabilities.Default"/> unless the source says otherwise.</summary>
    PsaCapabilities Capabilities => PsaCapabilities.Default;

    /// <summary>Streams the invoices matching the query, page by page.</summary>
    IAsyncEnumerable<PsaInvoice> GetInvoicesAsync(PsaInvoiceQuery query, CancellationToken cancellationToken = default);

    /// <summary>All contacts of the given companies, fetched in bulk.</summary>
    Task<IReadOnlyList<PsaContact>> GetCompanyContactsAsync(IReadOnlyCollection<string> companyIds, CancellationToken cancellationToken = default);

    /// <summary>Marks invoices as synced. <paramref name="batchKey"/> is a deterministic id of the chunk, no longer than <see cref="PsaCapabilities.MaxBatchKeyLength"/>.</summary>
    Task<IReadOnlyList<PsaWriteResult>> MarkSyncedAsync(string batchKey, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken = default);

    /// <summary>Clears the synced mark of the given invoices.</summary>
    Task<IReadOnlyList<PsaWriteResult>> ClearSyncedAsync(IReadOnlyList<string> invoiceIds, CancellationToken cancellationToken = default);

    /// <summary>Records the paid date (and amount) of invoices.</summary>
    Task<IReadOnlyList<PsaWriteResult>> SetPaidAsync(IReadOnlyList<PsaPaidMark> marks, CancellationToken cancellationToken = default);

    /// <summary>The PSA's own document of an invoice, for troubleshooting.</summary>
    Task<RawDocument> GetRawInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default);

    /// <summary>Checks that the connection works.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks one invoice synced.</summary>
/// <param name="InvoiceId">The PSA invoice id.</param>
/// <param name="SyncedAt">The moment to record.</param>
/// <param name="AccountingInvoiceId">The accounting invoice it was posted as, if any.</param>
public sealed record PsaSyncMark(string InvoiceId, Instant SyncedAt, string? AccountingInvoiceId);

/// <summary>Records one payment.</summary>
/// <param name="InvoiceId">The PSA invoice id.</param>
/// <param name="PaidDate">The date it was fully paid.</param>
/// <param name="Amount">The amount paid.</param>
public sealed record PsaPaidMark(string InvoiceId, LocalDate PaidDate, decimal Amount);

/// <summary>The outcome of a PSA write for one invoice.</summary>
/// <param name="InvoiceId">The PSA invoice id.</param>
/// <param name="Error">The vendor's reason when it failed, null on success.</param>
public sealed record PsaWriteResult(string InvoiceId, string? Error = null)
{
    /// <summary>True when the write succeeded.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>A raw vendor document.</summary>
/// <param name="ContentType">Its media type (e.g. application/xml).</param>
/// <param name="Content">Its text.</param>
public sealed record RawDocument(string ContentType, string Content);
