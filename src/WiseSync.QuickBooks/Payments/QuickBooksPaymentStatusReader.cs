using System.Globalization;
using NodaTime;
using NodaTime.Text;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;
using WiseSync.QuickBooks.Invoices;

namespace WiseSync.QuickBooks.Payments;

/// <summary>
/// Reads payment status in bulk: invoices by <c>Id IN (…)</c> (only those changed since the watermark), then the linked
/// payments by <c>Id IN (…)</c> for the paid date (reference Part 2.7: Balance 0 = paid, date = latest Payment.TxnDate).
/// </summary>
internal sealed class QuickBooksPaymentStatusReader(QuickBooksApiClient api, QuickBooksOptions options)
{
    private const int IdsPerQuery = 200;

    public async Task<PaymentStatusResult> ReadAsync(PaymentStatusQuery query, CancellationToken cancellationToken)
    {
        var since = ParseStamp(query.Watermark);
        var invoices = new List<QboTransaction>();
        foreach (var chunk in query.AccountingInvoiceIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var conditions = new List<string> { "Id in " + QboQuery.InList(chunk) };
            if (since is not null)
            {
                // ≥ rather than >: a change in the watermark's own instant is read again rather than missed.
                conditions.Add("MetaData.LastUpdatedTime >= " + QboQuery.Literal(query.Watermark!));
            }

            invoices.AddRange(await api.QueryAllAsync("Invoice", conditions, q => q.Invoice, cancellationToken).ConfigureAwait(false));
        }

        var paid = invoices.Where(i => i.Balance == 0m && (i.TotalAmt ?? 0m) != 0m).ToList();
        var paymentIds = paid.SelectMany(i => i.LinkedTxn ?? []).Where(l => l.TxnType == "Payment").Select(l => l.TxnId).Distinct(StringComparer.Ordinal).ToList();
        var paymentDates = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        foreach (var chunk in paymentIds.Chunk(IdsPerQuery))
        {
            var payments = await api.QueryAllAsync("Payment", ["Id in " + QboQuery.InList(chunk)], q => q.Payment, cancellationToken).ConfigureAwait(false);
            foreach (var payment in payments)
            {
                if (payment.Id is not null && ParseDate(payment.TxnDate) is { } date)
                {
                    paymentDates[payment.Id] = date;
                }
            }
        }

        var refs = invoices.Select(i =>
        {
            var dates = (i.LinkedTxn ?? []).Where(l => l.TxnType == "Payment" && paymentDates.ContainsKey(l.TxnId)).Select(l => paymentDates[l.TxnId]).ToList();
            return QuickBooksDocuments.ToRef(options, DocumentKind.Invoice, i, dates.Count == 0 ? null : dates.Max());
        }).ToList();

        var newest = invoices.Select(i => (Text: i.MetaData?.LastUpdatedTime, Stamp: ParseStamp(i.MetaData?.LastUpdatedTime)))
            .Where(x => x.Stamp is not null)
            .OrderByDescending(x => x.Stamp)
            .FirstOrDefault();
        var watermark = newest.Stamp is not null && (since is null || newest.Stamp > since) ? newest.Text : query.Watermark;
        return new PaymentStatusResult(refs, watermark);
    }

    private static DateTimeOffset? ParseStamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp) ? stamp : null;

    private static LocalDate? ParseDate(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text.Length > 10 ? text[..10] : text) is { Success: true } result ? result.Value : null;
}
