using System.Runtime.CompilerServices;
using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>
/// An in-memory PSA: invoices and contacts, synced and paid marks as the PSA would hold them, call counts,
/// injectable failures and a gate to hold a run inside the invoice listing.
/// </summary>
public sealed class FakePsaSource : IPsaSource
{
    private readonly object _lock = new();
    private readonly List<PsaInvoice> _invoices = [];

    public string Name => "FakePSA";

    public PsaCapabilities Capabilities { get; set; } = PsaCapabilities.Default;

    public List<PsaContact> Contacts { get; } = [];

    public List<string> BatchKeys { get; } = [];

    public List<PsaPaidMark> PaidMarks { get; } = [];

    public int ListCalls { get; private set; }

    public int ContactCalls { get; private set; }

    public List<IReadOnlyCollection<string>> ContactRequests { get; } = [];

    public int MarkCalls { get; private set; }

    public int ClearCalls { get; private set; }

    public int SetPaidCalls { get; private set; }

    /// <summary>Thrown by the next MarkSyncedAsync call (then cleared).</summary>
    public Exception? FailNextMark { get; set; }

    /// <summary>Invoice ids whose mark the PSA refuses.</summary>
    public HashSet<string> RefuseMark { get; } = [];

    /// <summary>Invoice ids whose paid date the PSA refuses.</summary>
    public HashSet<string> RefusePaid { get; } = [];

    /// <summary>Called after a ClearSyncedAsync call cleared its marks, with the call's number (e.g. to cut a deletion short).</summary>
    public Action<int>? AfterClear { get; set; }

    /// <summary>Thrown by GetCompanyContactsAsync when set.</summary>
    public Exception? FailContacts { get; set; }

    /// <summary>When set, GetInvoicesAsync signals <see cref="ListingStarted"/> and waits for this gate.</summary>
    public TaskCompletionSource? ListingGate { get; set; }

    public TaskCompletionSource ListingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int WriteCalls => MarkCalls + ClearCalls + SetPaidCalls;

    public void Add(params PsaInvoice[] invoices)
    {
        lock (_lock)
        {
            _invoices.AddRange(invoices);
        }
    }

    public PsaInvoice Get(string id)
    {
        lock (_lock)
        {
            return _invoices.Single(i => i.Id == id);
        }
    }

    /// <summary>The invoice is deleted in the PSA: no longer listed, and writes to it are refused.</summary>
    public void Remove(string id)
    {
        lock (_lock)
        {
            _invoices.RemoveAll(i => i.Id == id);
        }
    }

    public void Replace(PsaInvoice invoice)
    {
        lock (_lock)
        {
            var index = _invoices.FindIndex(i => i.Id == invoice.Id);
            _invoices[index] = invoice;
        }
    }

    public async IAsyncEnumerable<PsaInvoice> GetInvoicesAsync(PsaInvoiceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ListCalls++;
        if (ListingGate is { } gate)
        {
            ListingStarted.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        List<PsaInvoice> snapshot;
        lock (_lock)
        {
            snapshot = _invoices
                .Where(i => i.InvoiceDate <= query.ThruDate)
                .Where(i => query.FromDate is null || i.InvoiceDate >= query.FromDate)
                .Where(i => query.InvoiceIds is not { Count: > 0 } ids || ids.Contains(i.Id))
                .Where(i => query.Division is null || i.Division == query.Division)
                .Where(i => query.IncludeAlreadySynced || i.SyncedMark is null)
                .ToList();
        }

        foreach (var invoice in snapshot)
        {
            await Task.Yield();
            yield return invoice;
        }
    }

    public Task<IReadOnlyList<PsaContact>> GetCompanyContactsAsync(IReadOnlyCollection<string> companyIds, CancellationToken cancellationToken = default)
    {
        ContactCalls++;
        ContactRequests.Add(companyIds.ToList());
        if (FailContacts is { } failure)
        {
            throw failure;
        }

        return Task.FromResult<IReadOnlyList<PsaContact>>(Contacts.Where(c => companyIds.Contains(c.CompanyId)).ToList());
    }

    public Task<IReadOnlyList<PsaWriteResult>> MarkSyncedAsync(string batchKey, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken = default)
    {
        MarkCalls++;
        if (batchKey.Length > 50)
        {
            throw new ArgumentException($"batch key longer than 50 characters: {batchKey}", nameof(batchKey));
        }

        if (FailNextMark is { } failure)
        {
            FailNextMark = null;
            throw failure;
        }

        BatchKeys.Add(batchKey);
        var results = new List<PsaWriteResult>();
        foreach (var mark in marks)
        {
            if (RefuseMark.Contains(mark.InvoiceId))
            {
                results.Add(new PsaWriteResult(mark.InvoiceId, "invoice is locked"));
                continue;
            }

            lock (_lock)
            {
                var index = _invoices.FindIndex(i => i.Id == mark.InvoiceId);
                if (index < 0)
                {
                    results.Add(new PsaWriteResult(mark.InvoiceId, "no such invoice"));
                    continue;
                }

                _invoices[index] = _invoices[index] with { SyncedMark = mark.SyncedAt };
            }

            results.Add(new PsaWriteResult(mark.InvoiceId));
        }

        return Task.FromResult<IReadOnlyList<PsaWriteResult>>(results);
    }

    public Task<IReadOnlyList<PsaWriteResult>> ClearSyncedAsync(IReadOnlyList<string> invoiceIds, CancellationToken cancellationToken = default)
    {
        ClearCalls++;
        var results = new List<PsaWriteResult>();
        lock (_lock)
        {
            foreach (var id in invoiceIds)
            {
                var index = _invoices.FindIndex(i => i.Id == id);
                if (index < 0)
                {
                    results.Add(new PsaWriteResult(id, "no such invoice"));
                    continue;
                }

                _invoices[index] = _invoices[index] with { SyncedMark = null };
                results.Add(new PsaWriteResult(id));
            }
        }

        AfterClear?.Invoke(ClearCalls);
        return Task.FromResult<IReadOnlyList<PsaWriteResult>>(results);
    }

    public Task<IReadOnlyList<PsaWriteResult>> SetPaidAsync(IReadOnlyList<PsaPaidMark> marks, CancellationToken cancellationToken = default)
    {
        SetPaidCalls++;
        var results = new List<PsaWriteResult>();
        lock (_lock)
        {
            foreach (var mark in marks)
            {
                var index = _invoices.FindIndex(i => i.Id == mark.InvoiceId);
                if (RefusePaid.Contains(mark.InvoiceId) || index < 0)
                {
                    results.Add(new PsaWriteResult(mark.InvoiceId, index < 0 ? "no such invoice" : "the invoice is closed"));
                    continue;
                }

                _invoices[index] = _invoices[index] with { PaidDate = mark.PaidDate };
                PaidMarks.Add(mark);
                results.Add(new PsaWriteResult(mark.InvoiceId));
            }
        }

        return Task.FromResult<IReadOnlyList<PsaWriteResult>>(results);
    }

    public Task<RawDocument> GetRawInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RawDocument("application/json", $"{{\"id\":\"{invoiceId}\"}}"));

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, "FakePSA"));
}
