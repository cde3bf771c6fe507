using NodaTime;
using WiseSync.Xero.Api;
using WiseSync.Xero.Api.Dto;
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
    public const int IdsPerCall = 50;
    public const int SweepThreshold = 200;
    private const int MaxSweepPages = 100;

    public async Task<PaymentStatusResult> ReadAsync(PaymentStatusQuery query, CancellationToken cancellationToken)
    {
        var since = XeroDateFormat.ParseInstant(query.Watermark);
        var wanted = query.AccountingInvoiceIds.Where(id => Guid.TryParse(id, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new List<XeroInvoiceDto>();
        if (since is not null && wanted.Count > SweepThreshold)
        {
            for (var page = 1; page <= MaxSweepPages; page++)
            {
                var invoices = await api.GetInvoicesAsync(null, null, since, page, cancellationToken).ConfigureAwait(false);
                found.AddRange(invoices.Where(i => i.InvoiceID is not null && wanted.Contains(i.InvoiceID)));
                if (invoices.Count < 100)
                {
                    break;
                }
            }
        }
        else
        {
            foreach (var chunk in wanted.Chunk(IdsPerCall))
            {
                found.AddRange(await api.GetInvoicesAsync(chunk, null, since, null, cancellationToken).ConfigureAwait(false));
            }
        }

        var organisation = await api.GetOrganisationAsync(cancellationToken).ConfigureAwait(false);
        var refs = found
            .Where(i => i.InvoiceID is not null)
            .DistinctBy(i => i.InvoiceID, StringComparer.OrdinalIgnoreCase)
            .Select(i => XeroDocumentWriter.Ref(DocumentKind.Invoice, XeroInvoiceKind.Answer(i), organisation))
            .ToList();

        // The newest change seen: anything that changes later carries a later UpdatedDateUTC.
        var newest = found.Select(i => XeroDateFormat.ParseInstant(i.UpdatedDateUTC)).Where(t => t is not null).Max();
        var watermark = Later(since, newest) is { } mark ? XeroDateFormat.FormatInstant(mark) : query.Watermark;
        return new PaymentStatusResult(refs, watermark);
    }

    private static Instant? Later(Instant? a, Instant? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => Instant.Max(a.Value, b.Value),
    };
}
