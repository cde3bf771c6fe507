namespace WiseSync.Benchmarks.Scale;

/// <summary>
/// An accounting system that answers at once and keeps nothing per invoice: customers get ids from the company id,
/// invoices get an id, a number and a web link as real sinks return them, and only counts are kept.
/// </summary>
internal sealed class CountingAccountingSink : IAccountingSink
{
    private long _invoices;
    private long _upsertCalls;
    private long _customerCalls;

    public string Name => "CountingBooks";

    public AccountingCapabilities Capabilities { get; } = new(MaxContactPersons: 5, MaxEmailFieldLength: null, MaxItemCodeLength: 30, MaxDocumentNumberLength: 255, BatchSize: 50);

    public long Invoices => Interlocked.Read(ref _invoices);

    public long UpsertCalls => Interlocked.Read(ref _upsertCalls);

    public long CustomerCalls => Interlocked.Read(ref _customerCalls);

    public Task<IReadOnlyList<CustomerResolution>> FindCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CustomerResolution>>(requests.Select(r => new CustomerResolution(r.Company.Id, null, CustomerMatchKind.None, [])).ToList());

    public Task<IReadOnlyList<CustomerResolution>> EnsureCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _customerCalls);
        return Task.FromResult<IReadOnlyList<CustomerResolution>>(requests
            .Select(r => new CustomerResolution(r.Company.Id, new AccountingCustomer("cust-" + r.Company.Id, r.Company.Name, r.Company.AccountNumber), CustomerMatchKind.Created, []))
            .ToList());
    }

    public Task<IReadOnlyList<AccountingWriteResult>> UpsertInvoicesAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _upsertCalls);
        var results = new List<AccountingWriteResult>(drafts.Count);
        foreach (var draft in drafts)
        {
            Interlocked.Increment(ref _invoices);
            var id = Guid.CreateVersion7().ToString();
            var written = new AccountingInvoiceRef(id, draft.Number, "AUTHORISED", draft.Total, 0m)
            {
                WebLink = new Uri("https://books.example.com/invoice/" + id),
                Kind = draft.Kind,
            };
            results.Add(new AccountingWriteResult(draft.PsaInvoiceId, written, Created: draft.ExistingAccountingId is null, []));
        }

        return Task.FromResult<IReadOnlyList<AccountingWriteResult>>(results);
    }

    public Task<IReadOnlyList<AccountingInvoiceRef>> FindInvoicesByNumberAsync(IReadOnlyList<string> numbers, DocumentKind kind, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AccountingInvoiceRef>>([]);

    public Task<PaymentStatusResult> GetPaymentStatusAsync(PaymentStatusQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PaymentStatusResult([], query.Watermark));

    public Task<Uri?> GetInvoiceLinkAsync(string accountingInvoiceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<Uri?>(new Uri("https://books.example.com/invoice/" + accountingInvoiceId));

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, Name));
}
