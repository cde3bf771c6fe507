namespace WiseSync;

/// <summary>Writes customers and invoices to an accounting system and reads payment status back.</summary>
public interface IAccountingSink
{
    /// <summary>A short name of the accounting system for messages ("Xero").</summary>
    string Name { get; }

    /// <summary>The system's limits.</summary>
    AccountingCapabilities Capabilities { get; }

    /// <summary>Looks customers up (by stored id, account number, then name) without writing anything.</summary>
    Task<IReadOnlyList<CustomerResolution>> FindCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Finds or creates the customers and sets their contacts; requests with <see cref="CustomerRequest.KnownCustomerId"/> update that customer.</summary>
    Task<IReadOnlyList<CustomerResolution>> EnsureCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a chunk of at most <see cref="AccountingCapabilities.BatchSize"/> drafts; one result per draft, same order.</summary>
    Task<IReadOnlyList<AccountingWriteResult>> UpsertInvoicesAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken = default);

    /// <summary>Finds existing documents by number (for recovery after a crash); documents not found are absent.</summary>
    Task<IReadOnlyList<AccountingInvoiceRef>> FindInvoicesByNumberAsync(IReadOnlyList<string> numbers, DocumentKind kind, CancellationToken cancellationToken = default);

    /// <summary>Reads payment status in bulk.</summary>
    Task<PaymentStatusResult> GetPaymentStatusAsync(PaymentStatusQuery query, CancellationToken cancellationToken = default);

    /// <summary>A link that opens the invoice in the accounting web app.</summary>
    Task<Uri?> GetInvoiceLinkAsync(string accountingInvoiceId, CancellationToken cancellationToken = default);

    /// <summary>Checks that the connection works.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default);
}
