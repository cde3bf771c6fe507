namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>InvoiceModel</c> (the fields the provider reads).</summary>
internal sealed record AtInvoice
{
    public long Id { get; init; }

    public int? BatchID { get; init; }

    public string? Comments { get; init; }

    public int? CompanyID { get; init; }

    public DateTime? CreateDateTime { get; init; }

    public DateTime? DueDate { get; init; }

    public DateTime? InvoiceDateTime { get; init; }

    public string? InvoiceNumber { get; init; }

    public decimal? InvoiceTotal { get; init; }

    public bool? IsVoided { get; init; }

    public string? OrderNumber { get; init; }

    public DateTime? PaidDate { get; init; }

    public int? PaymentTerm { get; init; }

    public string? TaxRegionName { get; init; }

    public decimal? TotalTaxValue { get; init; }

    public DateTime? WebServiceDate { get; init; }
}
