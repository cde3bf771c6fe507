using System.Globalization;
using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>
/// An in-memory accounting system that behaves like the real ones where it matters: document numbers are unique per
/// kind, an idempotency key replays its first answer, customers are found by id, account number, then name. It counts
/// every call, and can fail before writing, or after writing (a lost response, as in a crash).
/// </summary>
public sealed class FakeAccountingSink : IAccountingSink
{
    private readonly object _lock = new();
    private readonly Dictionary<string, StoredInvoice> _invoices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountingInvoiceRef> _byKey = new(StringComparer.Ordinal);
    private int _sequence;
    private int _changeCounter;

    public string Name => "FakeBooks";

    public AccountingCapabilities Capabilities { get; set; } = new(MaxContactPersons: 5, MaxEmailFieldLength: null, MaxItemCodeLength: 30, MaxDocumentNumberLength: 255, BatchSize: 50);

    public Dictionary<string, AccountingCustomer> Customers { get; } = new(StringComparer.Ordinal);

    /// <summary>The last contacts set on each customer.</summary>
    public Dictionary<string, ContactSelection> CustomerContacts { get; } = new(StringComparer.Ordinal);

    public List<AccountingInvoiceDraft> Drafts { get; } = [];

    /// <summary>Every upsert call's drafts, including calls that then failed.</summary>
    public List<IReadOnlyList<AccountingInvoiceDraft>> Attempts { get; } = [];

    public List<IReadOnlyList<CustomerRequest>> EnsureRequests { get; } = [];

    public int FindCustomerCalls { get; private set; }

    public int EnsureCalls { get; private set; }

    public int UpsertCalls { get; private set; }

    public int FindInvoiceCalls { get; private set; }

    public int PaymentStatusCalls { get; private set; }

    public List<string?> PaymentWatermarksSeen { get; } = [];

    public int CreatedInvoices { get; private set; }

    public int UpdatedInvoices { get; private set; }

    public int CreatedCustomers { get; private set; }

    /// <summary>Write calls that change state (customers and invoices).</summary>
    public int WriteCalls => EnsureCalls + UpsertCalls;

    /// <summary>Given the 1-based number of an upsert call, an exception to throw before writing anything.</summary>
    public Func<int, Exception?>? UpsertFailure { get; set; }

    /// <summary>When true, the next upsert writes everything and then throws, as if the response was lost.</summary>
    public bool FailAfterWriteOnce { get; set; }

    public Exception? EnsureFailure { get; set; }

    /// <summary>Given the 1-based number of an ensure-customers call, an exception to throw before resolving anything.</summary>
    public Func<int, Exception?>? EnsureCallFailure { get; set; }

    /// <summary>Answers the contact selection's warnings among the resolution's own, as the Xero sink does.</summary>
    public bool EchoContactWarnings { get; set; }

    /// <summary>Document numbers the sink refuses with a validation error.</summary>
    public HashSet<string> RejectNumbers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<AccountingInvoiceRef> Invoices
    {
        get
        {
            lock (_lock)
            {
                return _invoices.Values.Select(i => i.Ref).ToList();
            }
        }
    }

    public AccountingInvoiceDraft LastDraftOf(string accountingId)
    {
        lock (_lock)
        {
            return _invoices[accountingId].Draft;
        }
    }

    public AccountingCustomer AddCustomer(string name, string? accountNumber = null)
    {
        var customer = new AccountingCustomer($"CUS-{++_sequence}", name, accountNumber);
        Customers[customer.Id] = customer;
        return customer;
    }

    /// <summary>A customer pays an invoice in full.</summary>
    public void Pay(string number, LocalDate date)
    {
        lock (_lock)
        {
            var stored = _invoices.Values.Single(i => i.Ref.Number == number);
            var total = stored.Ref.AmountDue + stored.Ref.AmountPaid;
            stored.Ref = stored.Ref with { AmountDue = 0m, AmountPaid = total, FullyPaidOn = date, Status = "PAID" };
            stored.ChangedAt = ++_changeCounter;
        }
    }

    public Task<IReadOnlyList<CustomerResolution>> FindCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default)
    {
        FindCustomerCalls++;
        return Task.FromResult<IReadOnlyList<CustomerResolution>>(requests.Select(Find).ToList());
    }

    public Task<IReadOnlyList<CustomerResolution>> EnsureCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default)
    {
        EnsureCalls++;
        EnsureRequests.Add(requests);
        if ((EnsureFailure ?? EnsureCallFailure?.Invoke(EnsureCalls)) is { } failure)
        {
            throw failure;
        }

        var results = new List<CustomerResolution>();
        foreach (var request in requests)
        {
            var found = Find(request);
            var customer = found.Customer;
            var match = found.Match;
            if (customer is null)
            {
                customer = new AccountingCustomer($"CUS-{++_sequence}", request.Company.Name, request.Company.AccountNumber);
                Customers[customer.Id] = customer;
                CreatedCustomers++;
                match = CustomerMatchKind.Created;
            }

            if (!request.Contacts.LeavesContactsAlone)
            {
                CustomerContacts[customer.Id] = request.Contacts;
            }

            results.Add(new CustomerResolution(request.Company.Id, customer, match, EchoContactWarnings ? request.Contacts.Warnings : []));
        }

        return Task.FromResult<IReadOnlyList<CustomerResolution>>(results);
    }

    public Task<IReadOnlyList<AccountingWriteResult>> UpsertInvoicesAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken = default)
    {
        UpsertCalls++;
        Attempts.Add(drafts);
        if (drafts.Count > Capabilities.BatchSize)
        {
            throw new InvalidOperationException($"{drafts.Count} drafts in one call; the batch size is {Capabilities.BatchSize}.");
        }

        if (UpsertFailure?.Invoke(UpsertCalls) is { } failure)
        {
            throw failure;
        }

        var results = new List<AccountingWriteResult>();
        lock (_lock)
        {
            foreach (var draft in drafts)
            {
                Drafts.Add(draft);
                results.Add(Write(draft));
            }
        }

        if (FailAfterWriteOnce)
        {
            FailAfterWriteOnce = false;
            throw new WiseSyncException("FakeBooks: the connection was reset after the write");
        }

        return Task.FromResult<IReadOnlyList<AccountingWriteResult>>(results);
    }

    public Task<IReadOnlyList<AccountingInvoiceRef>> FindInvoicesByNumberAsync(IReadOnlyList<string> numbers, DocumentKind kind, CancellationToken cancellationToken = default)
    {
        FindInvoiceCalls++;
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AccountingInvoiceRef>>(
                _invoices.Values.Select(i => i.Ref).Where(r => r.Kind == kind && numbers.Contains(r.Number, StringComparer.OrdinalIgnoreCase)).ToList());
        }
    }

    public Task<PaymentStatusResult> GetPaymentStatusAsync(PaymentStatusQuery query, CancellationToken cancellationToken = default)
    {
        PaymentStatusCalls++;
        PaymentWatermarksSeen.Add(query.Watermark);
        var since = query.Watermark is null ? -1 : int.Parse(query.Watermark, CultureInfo.InvariantCulture);
        lock (_lock)
        {
            var changed = query.AccountingInvoiceIds
                .Where(_invoices.ContainsKey)
                .Select(id => _invoices[id])
                .Where(i => i.ChangedAt > since)
                .Select(i => i.Ref)
                .ToList();
            return Task.FromResult(new PaymentStatusResult(changed, _changeCounter.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public Task<Uri?> GetInvoiceLinkAsync(string accountingInvoiceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<Uri?>(new Uri($"https://books.example/invoices/{accountingInvoiceId}"));

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, "FakeBooks org"));

    private CustomerResolution Find(CustomerRequest request)
    {
        if (request.KnownCustomerId is { } id && Customers.TryGetValue(id, out var byId))
        {
            return new CustomerResolution(request.Company.Id, byId, CustomerMatchKind.ById, []);
        }

        if (request.Company.AccountNumber is { } account && Customers.Values.FirstOrDefault(c => c.AccountNumber == account) is { } byAccount)
        {
            return new CustomerResolution(request.Company.Id, byAccount, CustomerMatchKind.ByAccountNumber, []);
        }

        if (Customers.Values.FirstOrDefault(c => string.Equals(c.Name, request.Company.Name, StringComparison.OrdinalIgnoreCase)) is { } byName)
        {
            return new CustomerResolution(request.Company.Id, byName, CustomerMatchKind.ByName, []);
        }

        return new CustomerResolution(request.Company.Id, null, CustomerMatchKind.None, []);
    }

    private AccountingWriteResult Write(AccountingInvoiceDraft draft)
    {
        if (RejectNumbers.Contains(draft.Number))
        {
            return new AccountingWriteResult(draft.PsaInvoiceId, null, false, [], $"Invoice {draft.Number} was refused: account code is not valid");
        }

        if (string.IsNullOrEmpty(draft.CustomerId) || !Customers.ContainsKey(draft.CustomerId))
        {
            return new AccountingWriteResult(draft.PsaInvoiceId, null, false, [], $"Customer '{draft.CustomerId}' does not exist");
        }

        if (draft.ExistingAccountingId is { } existingId)
        {
            if (!_invoices.TryGetValue(existingId, out var existing))
            {
                return new AccountingWriteResult(draft.PsaInvoiceId, null, false, [], $"Invoice {existingId} not found");
            }

            existing.Draft = draft;
            existing.Ref = existing.Ref with { Number = draft.Number, AmountDue = draft.Total - existing.Ref.AmountPaid };
            existing.ChangedAt = ++_changeCounter;
            UpdatedInvoices++;
            return new AccountingWriteResult(draft.PsaInvoiceId, existing.Ref, false, []);
        }

        if (_byKey.TryGetValue(draft.IdempotencyKey, out var replay))
        {
            return new AccountingWriteResult(draft.PsaInvoiceId, replay, false, []);
        }

        if (_invoices.Values.Any(i => i.Ref.Kind == draft.Kind && string.Equals(i.Ref.Number, draft.Number, StringComparison.OrdinalIgnoreCase)))
        {
            return new AccountingWriteResult(draft.PsaInvoiceId, null, false, [], $"Invoice number {draft.Number} already exists");
        }

        var id = $"ACC-{++_sequence}";
        var created = new AccountingInvoiceRef(id, draft.Number, "AUTHORISED", draft.Total, 0m)
        {
            Kind = draft.Kind,
            WebLink = new Uri($"https://books.example/invoices/{id}"),
        };
        _invoices[id] = new StoredInvoice(created, draft) { ChangedAt = ++_changeCounter };
        _byKey[draft.IdempotencyKey] = created;
        CreatedInvoices++;
        return new AccountingWriteResult(draft.PsaInvoiceId, created, true, []);
    }

    private sealed class StoredInvoice(AccountingInvoiceRef created, AccountingInvoiceDraft draft)
    {
        public AccountingInvoiceRef Ref { get; set; } = created;

        public AccountingInvoiceDraft Draft { get; set; } = draft;

        public int ChangedAt { get; set; }
    }
}
