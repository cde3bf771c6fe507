using WiseSync.Http;
using WiseSync.Xero.Api;
using WiseSync.Xero.Customers;
using WiseSync.Xero.Invoices;
using WiseSync.Xero.Payments;

namespace WiseSync.Xero.Invoices;

/// <summary>The <see cref="IAccountingSink"/> for Xero: contacts, invoices and credit notes, payment status, deep links.</summary>
internal sealed class XeroAccountingSink(
    XeroApi api,
    XeroCustomerResolver customers,
    XeroDocumentWriter writer,
    XeroInvoiceKind invoices,
    XeroCreditNoteKind creditNotes,
    XeroPaymentStatusReader payments) : IAccountingSink
{
    /// <summary>reference/accounting-apis.md §1.4–1.6: 5 contact persons, item code 30, invoice number 255, batches of 50.</summary>
    public static AccountingCapabilities XeroCapabilities { get; } = new(
        MaxContactPersons: XeroLimits.MaxContactPersons,
        MaxEmailFieldLength: null,
        MaxItemCodeLength: 30,
        MaxDocumentNumberLength: XeroDocumentWriter.MaxNumberLength,
        BatchSize: XeroDocumentWriter.BatchSize);

    public string Name => XeroApi.Vendor;

    public AccountingCapabilities Capabilities => XeroCapabilities;

    public Task<IReadOnlyList<CustomerResolution>> FindCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default) =>
        requests.Count == 0 ? Task.FromResult<IReadOnlyList<CustomerResolution>>([]) : customers.ResolveAsync(requests, write: false, cancellationToken);

    public Task<IReadOnlyList<CustomerResolution>> EnsureCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default) =>
        requests.Count == 0 ? Task.FromResult<IReadOnlyList<CustomerResolution>>([]) : customers.ResolveAsync(requests, write: true, cancellationToken);

    public Task<IReadOnlyList<AccountingWriteResult>> UpsertInvoicesAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken = default) =>
        drafts.Count == 0 ? Task.FromResult<IReadOnlyList<AccountingWriteResult>>([]) : writer.UpsertAsync(drafts, cancellationToken);

    /// <summary>
    /// Recovery and ledger rebuild map what this returns to PSA invoices, so invoices are only those this app created
    /// (createdByMyApp): a bookkeeper's or another tool's invoice with the number is never returned, and so never mapped
    /// and later updated. Credit notes carry no such record in Xero: every ACCRECCREDIT with the number is returned.
    /// </summary>
    public async Task<IReadOnlyList<AccountingInvoiceRef>> FindInvoicesByNumberAsync(IReadOnlyList<string> numbers, DocumentKind kind, CancellationToken cancellationToken = default)
    {
        if (numbers.Count == 0)
        {
            return [];
        }

        IXeroDocumentKind documents = kind == DocumentKind.CreditNote ? creditNotes : invoices;
        var organisation = await api.GetOrganisationAsync(cancellationToken).ConfigureAwait(false);
        var refs = new List<AccountingInvoiceRef>();
        foreach (var chunk in numbers.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).Chunk(XeroDocumentWriter.BatchSize))
        {
            var found = await documents.FindCreatedByThisAppAsync(chunk, cancellationToken).ConfigureAwait(false)
                ?? await documents.FindByNumbersAsync(chunk, cancellationToken).ConfigureAwait(false);
            refs.AddRange(found
                .Where(f => XeroElementStatus.IsRealId(f.Id) && f.Status is not ("DELETED" or "VOIDED"))
                .Select(f => XeroDocumentWriter.Ref(kind, f, organisation)));
        }

        return refs;
    }

    public Task<PaymentStatusResult> GetPaymentStatusAsync(PaymentStatusQuery query, CancellationToken cancellationToken = default) =>
        payments.ReadAsync(query, cancellationToken);

    public async Task<Uri?> GetInvoiceLinkAsync(string accountingInvoiceId, CancellationToken cancellationToken = default)
    {
        var organisation = await api.GetOrganisationAsync(cancellationToken).ConfigureAwait(false);
        return XeroDeepLinks.Invoice(organisation.ShortCode, accountingInvoiceId);
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var organisation = await api.GetOrganisationAsync(cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"Connected to the Xero organisation '{organisation.Name}'.");
        }
        catch (Exception ex) when (TransientFaults.IsCallFailure(ex, cancellationToken))
        {
            return TransientFaults.FailedConnection(ex is WiseSyncException ? ex.Message : $"Xero cannot be reached: {ex.Message}", ex, cancellationToken);
        }
    }
}
