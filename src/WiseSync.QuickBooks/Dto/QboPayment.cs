namespace WiseSync.QuickBooks.Dto;

/// <summary>A received payment; its lines link the invoices it pays.</summary>
internal sealed record QboPayment
{
    public string? Id { get; init; }

    public string? TxnDate { get; init; }

    public decimal? TotalAmt { get; init; }

    public QboRef? CustomerRef { get; init; }

    public IReadOnlyList<QboPaymentLine>? Line { get; init; }

    public QboMetaData? MetaData { get; init; }
}

/// <summary>The part of a payment applied to linked transactions.</summary>
internal sealed record QboPaymentLine(decimal Amount, IReadOnlyList<QboLinkedTxn>? LinkedTxn);
