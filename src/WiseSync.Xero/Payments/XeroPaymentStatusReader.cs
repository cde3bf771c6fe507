using NodaTime;
using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;
using WiseSync.Xero.Invoices;

namespace WiseSync.Xero.Payments;

/// <summary>
/// Reads paid status in bulk: invoices by IDs= (50 per call), and with a watermark only what changed since
/// (If-Modified-Since). Above <see cref="SweepThreshold"/> ids a watermarked read pages through the changed
/// invoices of the organisation instead, so a run over thousands of posted invoices costs a handful of calls
/// (reference §1.6 Reading invoices, §1.7).
/// </summary>
internal sealed class XeroPaymentStatusReader(XeroApi api)
{
    public const int SweepThreshold = 200;
    private const int MaxSweepPages = 100;

    public async Task<PaymentStatusResult> ReadAsync(PaymentStatusQuery query, CancellationToken cancellationToken)
    {
        var since = XeroDateFormat.ParseInstant(query.Watermark);
        var wanted = query.AccountingInvoiceIds.Where(id => Guid.TryParse(id, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new List<XeroInvoiceDto>();
        var readAt = new List<Instant?>();
        if (since is not null && wanted.Count > SweepThreshold)
        {
            for (var page = 1; page <= MaxSweepPages; page++)
            {
                var answer = await api.GetInvoicePageAsync(null, null, since, page, createdByMyApp: false, cancellationToken).ConfigureAwait(false);
                readAt.Add(XeroDateFormat.ParseInstant(answer.DateTimeUTC));
                var invoices = answer.Invoices ?? [];
                found.AddRange(invoices.Where(i => i.InvoiceID is not null && wanted.Contains(i.InvoiceID)));
                if (invoices.Count < 100)
                {
                    break;
                }
            }
        }
        else
        {
            foreach (var chunk in wanted.Chunk(XeroLimits.ElementsPerCall))
            {
                var answer = await api.GetInvoicePageAsync(chunk, null, since, null, createdByMyApp: false, cancellationToken).ConfigureAwait(false);
                readAt.Add(XeroDateFormat.ParseInstant(answer.DateTimeUTC));
                found.AddRange(answer.Invoices ?? []);
            }
        }

        var organisation = await api.GetOrganisationAsync(cancellationToken).ConfigureAwait(false);
        var refs = found
            .Where(i => i.InvoiceID is not null)
            .DistinctBy(i => i.InvoiceID, StringComparer.OrdinalIgnoreCase)
            .Select(i => XeroDocumentWriter.Ref(DocumentKind.Invoice, XeroInvoiceKind.Answer(i), organisation))
            .ToList();

        // The earliest time Xero answered: whatever changes after a read carries a later UpdatedDateUTC. Without the
        // answer's DateTimeUTC, the newest change seen is the watermark (If-Modified-Since is to the second, so the
        // invoices changed in that second come back once more, which is harmless).
        var mark = readAt.Count > 0 && readAt.TrueForAll(t => t is not null)
            ? readAt.Min()
            : found.Select(i => XeroDateFormat.ParseInstant(i.UpdatedDateUTC)).Where(t => t is not null).Max();
        var watermark = Later(since, mark) is { } later ? XeroDateFormat.FormatInstant(later) : query.Watermark;
        return new PaymentStatusResult(refs, watermark);
    }

    private static Instant? Later(Instant? a, Instant? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => Instant.Max(a.Value, b.Value),
    };
}
