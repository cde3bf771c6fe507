using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Dto;

/// <summary>An Invoice or a CreditMemo: both share the SalesTransaction shape (Finance.xsd).</summary>
internal sealed record QboTransaction
{
    public string? Id { get; init; }

    public string? SyncToken { get; init; }

    public string? DocNumber { get; init; }

    public string? TxnDate { get; init; }

    public string? DueDate { get; init; }

    public QboRef? CustomerRef { get; init; }

    public QboRef? CurrencyRef { get; init; }

    public QboEmail? BillEmail { get; init; }

    public IReadOnlyList<QboLine>? Line { get; init; }

    public QboTxnTaxDetail? TxnTaxDetail { get; init; }

    public string? GlobalTaxCalculation { get; init; }

    public string? PrivateNote { get; init; }

    public QboMemo? CustomerMemo { get; init; }

    public decimal? TotalAmt { get; init; }

    public decimal? Balance { get; init; }

    public IReadOnlyList<QboLinkedTxn>? LinkedTxn { get; init; }

    public QboMetaData? MetaData { get; init; }

    [JsonPropertyName("sparse")]
    public bool? Sparse { get; init; }
}

/// <summary>One sales line.</summary>
internal sealed record QboLine
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    public decimal Amount { get; init; }

    public string DetailType { get; init; } = "SalesItemLineDetail";

    public QboSalesItemLineDetail? SalesItemLineDetail { get; init; }
}

/// <summary>The item, quantity, price, tax code and class of a sales line.</summary>
internal sealed record QboSalesItemLineDetail
{
    public QboRef? ItemRef { get; init; }

    public QboRef? ClassRef { get; init; }

    public decimal? UnitPrice { get; init; }

    public decimal? Qty { get; init; }

    public QboRef? TaxCodeRef { get; init; }
}

/// <summary>Transaction-level tax.</summary>
internal sealed record QboTxnTaxDetail
{
    public decimal? TotalTax { get; init; }
}
