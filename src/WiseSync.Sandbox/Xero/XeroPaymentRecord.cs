namespace WiseSync.Sandbox.Xero;

/// <summary>A payment applied to an invoice (schemas.Payment).</summary>
internal sealed record XeroPaymentRecord(
    Guid PaymentID,
    Guid InvoiceID,
    DateOnly Date,
    decimal Amount,
    string? AccountCode,
    string? Reference,
    DateTimeOffset UpdatedDateUTC);
