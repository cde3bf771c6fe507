using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Autotask.Api;
using WiseSync.Autotask.Dto;
using WiseSync.Http;

namespace WiseSync.Autotask.Invoices;

/// <summary>
/// <see cref="IPsaSource"/> for Datto Autotask PSA: invoices through POST queries page by page, lines and reference data
/// in bulk per page, marks written back by PATCH (reference/psa-apis.md §1.10).
/// </summary>
internal sealed class AutotaskPsaSource(
    AutotaskOptions options,
    AutotaskApiClient api,
    DateTimeZone zone,
    TimeProvider time,
    ILogger logger) : IPsaSource
{
    /// <summary>How long the contacts read by a listing serve <see cref="GetCompanyContactsAsync"/> ("cached per run").</summary>
    private static readonly TimeSpan RunCacheLifetime = TimeSpan.FromMinutes(15);

    private readonly AutotaskInvoiceMapper _mapper = new(options, zone);
    private (DateTimeOffset At, Dictionary<long, List<AtContact>> Contacts)? _lastRunContacts;

    public string Name => "Autotask";

    public async IAsyncEnumerable<PsaInvoice> GetInvoicesAsync(PsaInvoiceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cache = new AutotaskRunCache(api, options.Recipients);
        var count = 0;
        foreach (var filter in Filters(query))
        {
            await foreach (var page in api.QueryAsync("Invoices", filter, AutotaskJsonContext.Default.AtPageAtInvoice, null, cancellationToken).ConfigureAwait(false))
            {
                var lines = new List<AtBillingItem>(page.Count * 5);
                await foreach (var line in api.QueryInAsync("BillingItems", "invoiceID", page.Select(i => i.Id), AutotaskJsonContext.Default.AtPageAtBillingItem, cancellationToken).ConfigureAwait(false))
                {
                    lines.Add(line);
                }

                await cache.LoadAsync(page, lines, cancellationToken).ConfigureAwait(false);
                _lastRunContacts = (time.GetUtcNow(), cache.ContactsByCompany);
                var linesByInvoice = lines.Where(l => l.InvoiceID is not null).ToLookup(l => (long)l.InvoiceID!.Value);
                foreach (var invoice in page.OrderBy(i => i.Id))
                {
                    var mapped = _mapper.Map(invoice, linesByInvoice[invoice.Id].ToList(), cache);
                    if (query.Division is { Length: > 0 } division && !string.Equals(mapped.Division, division, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    count++;
                    yield return mapped;
                }
            }
        }

        AutotaskLog.InvoicesListed(logger, count);
    }

    public async Task<IReadOnlyList<PsaContact>> GetCompanyContactsAsync(IReadOnlyCollection<string> companyIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(companyIds);
        var ids = companyIds.Select(ParseId).OfType<long>().Distinct().ToList();
        Dictionary<long, List<AtContact>> source;
        if (_lastRunContacts is { } last && time.GetUtcNow() - last.At < RunCacheLifetime && ids.All(last.Contacts.ContainsKey))
        {
            source = last.Contacts;
        }
        else
        {
            var cache = new AutotaskRunCache(api, options.Recipients);
            await cache.LoadContactsAsync(ids, cancellationToken).ConfigureAwait(false);
            source = cache.ContactsByCompany;
        }

        return ids.SelectMany(id => source.TryGetValue(id, out var list) ? list : [])
            .OrderBy(c => c.CompanyID).ThenBy(c => c.Id)
            .Select(AutotaskInvoiceMapper.MapContact)
            .ToList();
    }

    public Task<IReadOnlyList<PsaWriteResult>> MarkSyncedAsync(string batchKey, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);

        // REST takes UTC datetimes as yyyy-mm-ddThh:mm:ss.ms (reference §1.3).
        return WriteAsync(
            marks.Select(m => (m.InvoiceId, (Func<long, AtInvoiceSyncPatch>)(id => new AtInvoiceSyncPatch(id, m.SyncedAt.ToDateTimeUtc().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture))))).ToList(),
            AutotaskJsonContext.Default.AtInvoiceSyncPatch,
            cancellationToken);
    }

    public Task<IReadOnlyList<PsaWriteResult>> ClearSyncedAsync(IReadOnlyList<string> invoiceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoiceIds);

        // Clearing sends an explicit null (reference §1.5; Part 5 lists it as to be verified against a real tenant).
        return WriteAsync(
            invoiceIds.Select(i => (i, (Func<long, AtInvoiceSyncPatch>)(id => new AtInvoiceSyncPatch(id, null)))).ToList(),
            AutotaskJsonContext.Default.AtInvoiceSyncPatch,
            cancellationToken);
    }

    public Task<IReadOnlyList<PsaWriteResult>> SetPaidAsync(IReadOnlyList<PsaPaidMark> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);

        // paidDate stores the date only (reference §1.5): send midnight of the paid date.
        return WriteAsync(
            marks.Select(m => (m.InvoiceId, (Func<long, AtInvoicePaidPatch>)(id => new AtInvoicePaidPatch(id, m.PaidDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00")))).ToList(),
            AutotaskJsonContext.Default.AtInvoicePaidPatch,
            cancellationToken);
    }

    public async Task<RawDocument> GetRawInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default)
    {
        var id = ParseId(invoiceId) ?? throw new ArgumentException($"'{invoiceId}' is not an Autotask invoice id.", nameof(invoiceId));
        var markup = await api.GetAsync("Invoices", $"Invoices/{id}/InvoiceMarkupXml", AutotaskJsonContext.Default.AtInvoiceMarkup, cancellationToken).ConfigureAwait(false);
        if (markup?.InvoiceMarkup is not { Length: > 0 } xml)
        {
            throw new WiseSyncException($"Autotask returned no markup for invoice {id}: it does not exist or the API user's line-of-business security hides it.");
        }

        return new RawDocument("application/xml", Indent(xml));
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var zoneInfo = await api.Zones.GetAsync(cancellationToken).ConfigureAwait(false);
            var companies = await api.CountAsync("Companies", [AutotaskFilters.Gt("id", 0)], cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"Connected to Autotask at {zoneInfo.RestRoot.Authority}; {companies} companies visible to the API user.");
        }
        catch (Exception e) when (TransientFaults.IsCallFailure(e, cancellationToken))
        {
            // The zone lookup's 500 (unknown user) and a permission 500 are mapped to ConfigurationException before this.
            return TransientFaults.FailedConnection($"Autotask connection failed: {e.Message}", e, cancellationToken);
        }
    }

    /// <summary>
    /// The listing's filters (reference §1.10): not yet stamped, not voided, dated up to the thru date. Explicit invoice
    /// ids ask for those invoices, voided ones included, in lists of at most 500.
    /// </summary>
    private static IEnumerable<IReadOnlyList<AtFilter>> Filters(PsaInvoiceQuery query)
    {
        var common = new List<AtFilter>();
        if (!query.IncludeAlreadySynced)
        {
            common.Add(AutotaskFilters.NotExist("webServiceDate"));
        }

        // invoiceDateTime is a date-only field kept at midnight, so whole days compare without time-zone shifts.
        common.Add(AutotaskFilters.Lte("invoiceDateTime", query.ThruDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59"));
        if (query.FromDate is { } from)
        {
            common.Add(AutotaskFilters.Gte("invoiceDateTime", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00"));
        }

        if (query.InvoiceIds is not { } ids)
        {
            common.Add(AutotaskFilters.Eq("isVoided", false));
            yield return common;
            yield break;
        }

        foreach (var chunk in ids.Select(ParseId).OfType<long>().Distinct().Order().Chunk(AutotaskFilters.MaxInList))
        {
            yield return [.. common, AutotaskFilters.In("id", chunk)];
        }
    }

    private async Task<IReadOnlyList<PsaWriteResult>> WriteAsync<TBody>(
        IReadOnlyList<(string InvoiceId, Func<long, TBody> Body)> writes,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TBody> bodyType,
        CancellationToken cancellationToken)
    {
        // One PATCH per invoice (Autotask has no batch update); the gate keeps them within the endpoint's threads.
        var tasks = writes.Select(async write =>
        {
            if (ParseId(write.InvoiceId) is not { } id)
            {
                return new PsaWriteResult(write.InvoiceId, $"'{write.InvoiceId}' is not an Autotask invoice id.");
            }

            try
            {
                await api.PatchAsync("Invoices", write.Body(id), bodyType, cancellationToken).ConfigureAwait(false);
                return new PsaWriteResult(write.InvoiceId);
            }
            catch (VendorValidationException e)
            {
                AutotaskLog.InvoiceUpdateRefused(logger, write.InvoiceId, e.Message);
                return new PsaWriteResult(write.InvoiceId, "Autotask refused the update: " + string.Join("; ", e.VendorMessages));
            }
        });
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        AutotaskLog.InvoicesUpdated(logger, results.Count(r => r.Error is null), results.Count(r => r.Error is not null));
        return results;
    }

    /// <summary>Re-indents the markup for reading; DTDs are prohibited, so a document with one is returned as sent.</summary>
    internal static string Indent(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var output = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
            {
                writer.WriteNode(reader, true);
            }

            return output.ToString();
        }
        catch (XmlException)
        {
            return xml;
        }
    }

    private static long? ParseId(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
