using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>Names and links of the two document kinds the sink writes.</summary>
internal static class QuickBooksDocuments
{
    public static string Entity(DocumentKind kind) => kind == DocumentKind.CreditNote ? "CreditMemo" : "Invoice";

    /// <summary>The deep link into the QBO web app (reference Part 2.9; community-documented).</summary>
    public static Uri Link(QuickBooksOptions options, DocumentKind kind, string id) =>
        new(options.ResolveWebAppUrl().AbsoluteUri.TrimEnd('/') + (kind == DocumentKind.CreditNote ? "/app/creditmemo?txnId=" : "/app/invoice?txnId=") + Uri.EscapeDataString(id));

    public static QboTransaction? Of(DocumentKind kind, QboBatchItemResponse? answer) =>
        kind == DocumentKind.CreditNote ? answer?.CreditMemo : answer?.Invoice;

    public static IReadOnlyList<QboTransaction>? Of(DocumentKind kind, QboQueryResponse response) =>
        kind == DocumentKind.CreditNote ? response.CreditMemo : response.Invoice;

    /// <summary>QBO has no paid status: Balance 0 means paid (reference Part 2.7).</summary>
    public static AccountingInvoiceRef ToRef(QuickBooksOptions options, DocumentKind kind, QboTransaction txn, NodaTime.LocalDate? paidOn = null)
    {
        var total = txn.TotalAmt ?? 0m;
        var balance = txn.Balance ?? total;
        var status = balance == 0m && total != 0m ? "Paid" : balance < total ? "PartiallyPaid" : "Open";
        return new AccountingInvoiceRef(txn.Id ?? string.Empty, txn.DocNumber ?? string.Empty, status, balance, total - balance)
        {
            Kind = kind,
            WebLink = txn.Id is null ? null : Link(options, kind, txn.Id),
            FullyPaidOn = balance == 0m && total != 0m ? paidOn : null,
        };
    }
}
