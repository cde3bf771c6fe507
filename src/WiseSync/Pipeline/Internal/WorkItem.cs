using WiseSync.Policies;

namespace WiseSync.Pipeline.Internal;

/// <summary>One invoice's state while a run works on it.</summary>
internal sealed class WorkItem(PsaInvoice invoice)
{
    public PsaInvoice Invoice { get; } = invoice;

    public List<string> Messages { get; } = [];

    /// <summary>Set when the invoice is finished early (red, skipped, not attempted); null while the normal path goes on.</summary>
    public SyncStatus? FinalStatus { get; private set; }

    public bool IsOpen => FinalStatus is null;

    public LineMappingResult? Lines { get; set; }

    public DueDateResult? Due { get; set; }

    public DocumentNumberResult? Number { get; set; }

    public string PayloadHash { get; set; } = string.Empty;

    public string IdempotencyKey { get; set; } = string.Empty;

    public InvoiceMapping? Mapping { get; set; }

    public string? InvoiceEmail { get; set; }

    public string? CustomerId { get; set; }

    public AccountingInvoiceRef? AccountingInvoice { get; set; }

    public bool PsaMarked { get; set; }

    public PaymentQueueStatus? Payment { get; set; }

    public string? PaymentMessage { get; set; }

    public DryRunPlan? Plan { get; set; }

    public string DocumentNumber => Number?.Number ?? Invoice.Number;

    public void Fail(string message) => Finish(SyncStatus.Error, message);

    public void Finish(SyncStatus status, string message)
    {
        Messages.Add(message);
        if (FinalStatus is null || status > FinalStatus)
        {
            FinalStatus = status;
        }
    }

    public SyncStatus Status => FinalStatus ?? (Messages.Count > 0 ? SyncStatus.Warning : SyncStatus.Success);

    // The customer's and the invoice's email fields drop the same addresses with the same words: each message shows once.
    public InvoiceSyncResult ToResult() => new(Invoice.Id, Invoice.Number, Status, Messages.Distinct(StringComparer.Ordinal).ToArray())
    {
        CompanyName = Invoice.Company?.Name, // null only from a broken provider; that invoice is already red
        Total = Invoice.Total,
        AccountingInvoiceId = AccountingInvoice?.Id ?? Mapping?.AccountingInvoiceId,
        AccountingNumber = SameOrOwn(AccountingInvoice?.Number ?? Mapping?.AccountingNumber, Invoice.Number),
        AccountingUrl = AccountingInvoice?.WebLink,
        Payment = Payment,
        PaymentMessage = PaymentMessage,
        Plan = Plan,
    };

    /// <summary>
    /// The accounting number is most often the PSA number, read back from the vendor's answer as a string of its own; the
    /// report keeps one string for both, which at 100,000 invoices is several MB the run does not hold.
    /// </summary>
    private static string? SameOrOwn(string? accountingNumber, string psaNumber) =>
        string.Equals(accountingNumber, psaNumber, StringComparison.Ordinal) ? psaNumber : accountingNumber;

    public LedgerEntry ToEntry(string batchId, NodaTime.Instant now)
    {
        var result = ToResult();
        return new LedgerEntry(batchId, Invoice.Id, Invoice.Number, result.Status, result.Messages, now)
        {
            CompanyName = result.CompanyName,
            Total = result.Total,
            PsaMarked = PsaMarked,
            AccountingInvoiceId = AccountingInvoice?.Id,
            AccountingNumber = AccountingInvoice?.Number,
            AccountingUrl = result.AccountingUrl,
            Payment = Payment,
            PaymentMessage = PaymentMessage,
        };
    }
}
