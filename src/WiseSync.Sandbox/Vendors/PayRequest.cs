namespace WiseSync.Sandbox.Vendors;

/// <summary>The body of <c>POST /_sandbox/pay</c>: a customer pays an invoice in the accounting system.</summary>
internal sealed record PayRequest
{
    public string Vendor { get; init; } = "";
    public string InvoiceNumber { get; init; } = "";
    public decimal Amount { get; init; }
    public DateOnly? Date { get; init; }
}
