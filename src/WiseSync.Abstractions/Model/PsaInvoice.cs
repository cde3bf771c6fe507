using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace WiseSync;

/// <summary>An invoice as the PSA holds it, in provider-neutral form.</summary>
/// <param name="Id">The PSA's own invoice id.</param>
/// <param name="Number">The invoice number shown to the customer.</param>
/// <param name="Company">The billed company.</param>
/// <param name="InvoiceDate">The invoice date in the PSA's time zone.</param>
/// <param name="DueDate">The due date when the PSA states one.</param>
/// <param name="Terms">The payment terms, when the PSA gives them.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
/// <param name="Lines">The invoice lines in PSA order.</param>
/// <param name="Subtotal">Sum of the lines before tax.</param>
/// <param name="TaxTotal">Total tax.</param>
/// <param name="Total">Invoice total including tax; negative for a credit.</param>
/// <param name="Recipients">Email addresses the PSA sends the invoice to, in the order the PSA gives them.</param>
public sealed record PsaInvoice(
    string Id,
    string Number,
    PsaCompanyRef Company,
    [property: JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))] LocalDate InvoiceDate,
    [property: JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))] LocalDate? DueDate,
    PaymentTermsRef? Terms,
    string Currency,
    IReadOnlyList<PsaInvoiceLine> Lines,
    decimal Subtotal,
    decimal TaxTotal,
    decimal Total,
    IReadOnlyList<string> Recipients)
{
    /// <summary>Division / line of business, when the PSA assigns one.</summary>
    public string? Division { get; init; }

    /// <summary>Customer purchase-order number.</summary>
    public string? PurchaseOrderNumber { get; init; }

    /// <summary>When the PSA marked the invoice as synced (e.g. Autotask's web service date); null when not synced.</summary>
    [JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))]
    public Instant? SyncedMark { get; init; }

    /// <summary>The paid date recorded in the PSA, if any.</summary>
    [JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))]
    public LocalDate? PaidDate { get; init; }

    /// <summary>How line amounts relate to tax.</summary>
    public TaxMode TaxMode { get; init; } = TaxMode.Exclusive;

    /// <summary>A link back to the invoice in the PSA's web app, when known.</summary>
    public Uri? PsaUrl { get; init; }

    /// <summary>Whether the invoice is voided in the PSA.</summary>
    public bool IsVoided { get; init; }

    /// <summary>
    /// Why the PSA cannot give this invoice's lines for posting (e.g. another accounting export already took them), or
    /// null. Such an invoice is listed so the run shows it, and is red with this reason; nothing is posted.
    /// </summary>
    public string? NotPostableReason { get; init; }

    /// <summary>The kind of accounting document this invoice becomes: a credit note when the total is negative.</summary>
    public DocumentKind DocumentKind => Total < 0m ? DocumentKind.CreditNote : DocumentKind.Invoice;
}

/// <summary>A reference to the company an invoice bills.</summary>
/// <param name="Id">The PSA company id.</param>
/// <param name="Name">The company name.</param>
/// <param name="AccountNumber">The company's account number, when set.</param>
public sealed record PsaCompanyRef(string Id, string Name, string? AccountNumber = null);

/// <summary>Payment terms as named in the PSA.</summary>
/// <param name="Id">The PSA's terms id.</param>
/// <param name="Name">The terms name (e.g. "Net 30").</param>
/// <param name="DueDays">Days until due when the PSA states them.</param>
public sealed record PaymentTermsRef(string Id, string Name, int? DueDays = null);

/// <summary>One line of a PSA invoice.</summary>
/// <param name="Description">Line text.</param>
/// <param name="Quantity">Quantity (may be zero or negative).</param>
/// <param name="UnitPrice">Price per unit.</param>
/// <param name="Amount">Line amount before tax.</param>
/// <param name="Tax">Tax on the line.</param>
public sealed record PsaInvoiceLine(
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    decimal Tax)
{
    /// <summary>Item or billing code.</summary>
    public string? ItemCode { get; init; }

    /// <summary>General-ledger (income account) code.</summary>
    public string? GlCode { get; init; }

    /// <summary>Tax code or tax category name from the PSA.</summary>
    public string? TaxCode { get; init; }

    /// <summary>The date of the work or sale.</summary>
    public LocalDate? Date { get; init; }

    /// <summary>Whether the line is billable; non-billable lines may be excluded.</summary>
    public bool Billable { get; init; } = true;

    /// <summary>What kind of line this is (time, product, expense, ...), informational.</summary>
    public string? Kind { get; init; }
}

/// <summary>How line amounts are stated with respect to tax.</summary>
public enum TaxMode
{
    /// <summary>Line amounts exclude tax.</summary>
    Exclusive,

    /// <summary>Line amounts include tax.</summary>
    Inclusive,

    /// <summary>No tax applies.</summary>
    NoTax,
}

/// <summary>The kind of accounting document.</summary>
public enum DocumentKind
{
    /// <summary>A sales invoice.</summary>
    Invoice,

    /// <summary>A credit note / credit memo (negative PSA invoice).</summary>
    CreditNote,
}
