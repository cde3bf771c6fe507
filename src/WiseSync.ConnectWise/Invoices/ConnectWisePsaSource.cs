using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.ConnectWise.Api;
using WiseSync.ConnectWise.Customers;
using WiseSync.ConnectWise.Dto;
using WiseSync.Http;

namespace WiseSync.ConnectWise.Invoices;

/// <summary>
/// The IPsaSource for ConnectWise PSA (Manage). "Synced" means the invoice's GL entries are in an accounting batch
/// (reference/psa-apis.md §2.4, Part 4 #8): pending = unposted invoices in a closed status; mark = create a batch;
/// clear = delete the batch and re-batch the rest of it; paid = post a payment.
/// </summary>
internal sealed partial class ConnectWisePsaSource : IPsaSource
{
    internal const string InvoiceFields = "id,invoiceNumber,type,status,company,billToCompany,accountNumber,billingTerms,customerPO,date,dueDate,locationId,location,department,currency,subtotal,total,salesTax,payments,credits,balance,glBatch,_info";

    private readonly Func<ConnectWiseApi> _api;
    private readonly ConnectWiseOptions _options;
    private readonly DateTimeZone _zone;
    private readonly ILogger _logger;

    public ConnectWisePsaSource(Func<ConnectWiseApi> api, ConnectWiseOptions options, ILogger logger)
    {
        _api = api;
        _options = options;
        _zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone)
            ?? throw new ConfigurationException($"ConnectWise:TimeZone '{options.TimeZone}' is not an IANA time zone.");
        _logger = logger;
    }

    public string Name => "ConnectWise";

    public PsaCapabilities Capabilities { get; } = new() { MaxBatchKeyLength = BatchIdentifiers.MaxLength };

    public async IAsyncEnumerable<PsaInvoice> GetInvoicesAsync(PsaInvoiceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var api = _api();
        var invoices = await FindInvoicesAsync(api, query, cancellationToken).ConfigureAwait(false);
        if (invoices.Count == 0)
        {
            ConnectWiseLog.ListedInvoices(_logger, 0, query.ThruDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            yield break;
        }

        var transactions = await ExportAsync(api, invoices, cancellationToken).ConfigureAwait(false);
        var batchedElsewhere = await BatchedSinceReadAsync(api, invoices.Where(i => i.GlBatch is null && !transactions.ContainsKey(i.Id)).ToList(), cancellationToken).ConfigureAwait(false);
        var companyIds = invoices.Select(BilledCompanyId).OfType<int>().Distinct().ToList();
        var companies = await GetByIdsAsync(api, "company/companies", "id", companyIds, CwJsonContext.Default.ListCwCompany, null, cancellationToken).ConfigureAwait(false);
        var contacts = await GetByIdsAsync(api, "company/contacts", "company/id", companyIds, CwJsonContext.Default.ListCwContact, null, cancellationToken).ConfigureAwait(false);
        var contactsById = contacts.ToDictionary(c => c.Id);
        var missingBilling = companies.Select(c => c.BillingContact?.Id).OfType<int>().Where(id => !contactsById.ContainsKey(id)).ToList();
        if (missingBilling.Count > 0)
        {
            // A billing contact may belong to another company (e.g. a parent); fetch those few by id.
            foreach (var c in await GetByIdsAsync(api, "company/contacts", "id", missingBilling, CwJsonContext.Default.ListCwContact, null, cancellationToken).ConfigureAwait(false))
            {
                contactsById[c.Id] = c;
            }
        }

        var companiesById = companies.ToDictionary(c => c.Id);
        var contactsByCompany = contacts.Where(c => c.Company?.Id is not null).ToLookup(c => c.Company!.Id!.Value);
        ConnectWiseLog.ListedInvoices(_logger, invoices.Count, query.ThruDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var invoice in invoices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            transactions.TryGetValue(invoice.Id, out var transaction);
            string? notPostable = null;
            if (invoice.GlBatch is null && (batchedElsewhere.Contains(invoice.Id) ? BatchedElsewhere : GlExportReader.GlProblem(transaction)) is { } problem)
            {
                // Listed anyway so the run shows it; without lines it cannot be posted, and the reason is its red light.
                ConnectWiseLog.IncompleteGl(_logger, invoice.InvoiceNumber ?? invoice.Id.ToString(CultureInfo.InvariantCulture), problem);
                notPostable = problem;
            }

            var companyId = BilledCompanyId(invoice);
            companiesById.TryGetValue(companyId ?? 0, out var company);
            var recipients = RecipientResolver.Resolve(company, contactsById, companyId is { } cid ? contactsByCompany[cid].ToList() : []);
            yield return ToModel(invoice, company, transaction, recipients) with { NotPostableReason = notPostable };
        }
    }

    public async Task<IReadOnlyList<PsaContact>> GetCompanyContactsAsync(IReadOnlyCollection<string> companyIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(companyIds);
        var ids = companyIds.Select(ParseId).OfType<int>().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var contacts = await GetByIdsAsync(_api(), "company/contacts", "company/id", ids, CwJsonContext.Default.ListCwContact, null, cancellationToken).ConfigureAwait(false);
        return contacts
            .Where(c => c.Company?.Id is not null)
            .OrderBy(c => c.Id)
            .Select(c => new PsaContact(
                c.Id.ToString(CultureInfo.InvariantCulture),
                c.Company!.Id!.Value.ToString(CultureInfo.InvariantCulture),
                c.FirstName ?? string.Empty,
                c.LastName ?? string.Empty,
                RecipientResolver.EmailOf(c),
                c.DefaultFlag == true,
                c.InactiveFlag != true))
            .ToList();
    }

    public async Task<IReadOnlyList<PsaWriteResult>> MarkSyncedAsync(string batchKey, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchKey);
        ArgumentNullException.ThrowIfNull(marks);
        var api = _api();
        var results = new Dictionary<string, PsaWriteResult>(StringComparer.Ordinal);
        var found = await LoadForWriteAsync(api, marks.Select(m => m.InvoiceId), results, cancellationToken).ConfigureAwait(false);

        var toBatch = new List<CwInvoice>();
        foreach (var invoice in found.Values)
        {
            var id = invoice.Id.ToString(CultureInfo.InvariantCulture);
            if (invoice.GlBatch is not null)
            {
                // Already in a batch (a repeat of this chunk, or batched elsewhere): synced is what was asked for.
                results[id] = new PsaWriteResult(id);
            }
            else if (invoice.Status?.IsClosed == false)
            {
                results[id] = new PsaWriteResult(id, $"Invoice {invoice.InvoiceNumber} is in the open status '{invoice.Status.Name}'; ConnectWise posts only closed invoices.");
            }
            else
            {
                toBatch.Add(invoice);
            }
        }

        if (toBatch.Count > 0)
        {
            await BatchAsync(api, BatchIdentifiers.ForKey(batchKey), toBatch, results, cancellationToken).ConfigureAwait(false);
        }

        return marks.Select(m => results[m.InvoiceId]).ToList();
    }

    public async Task<IReadOnlyList<PsaWriteResult>> ClearSyncedAsync(IReadOnlyList<string> invoiceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoiceIds);
        var api = _api();
        var results = new Dictionary<string, PsaWriteResult>(StringComparer.Ordinal);
        var found = await LoadForWriteAsync(api, invoiceIds, results, cancellationToken).ConfigureAwait(false);
        foreach (var invoice in found.Values.Where(i => i.GlBatch?.Id is null))
        {
            var id = invoice.Id.ToString(CultureInfo.InvariantCulture);
            results[id] = new PsaWriteResult(id);
        }

        foreach (var group in found.Values.Where(i => i.GlBatch?.Id is not null).GroupBy(i => i.GlBatch!.Id!.Value))
        {
            var clearing = group.Select(i => i.Id).ToHashSet();
            string? error = null;
            try
            {
                await UnbatchAsync(api, group.Key, clearing, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectWiseApiException ex)
            {
                error = $"Could not delete ConnectWise accounting batch {group.Key}: {ex.Describe()}";
            }

            foreach (var id in clearing)
            {
                var key = id.ToString(CultureInfo.InvariantCulture);
                results[key] = new PsaWriteResult(key, error);
            }
        }

        return invoiceIds.Select(id => results[id]).ToList();
    }

    public async Task<IReadOnlyList<PsaWriteResult>> SetPaidAsync(IReadOnlyList<PsaPaidMark> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var api = _api();
        var results = new Dictionary<string, PsaWriteResult>(StringComparer.Ordinal);
        var found = await LoadForWriteAsync(api, marks.Select(m => m.InvoiceId), results, cancellationToken).ConfigureAwait(false);
        foreach (var mark in marks)
        {
            if (!found.TryGetValue(mark.InvoiceId, out var invoice))
            {
                continue;
            }

            // Idempotent by the invoice's own numbers: post only what ConnectWise has not recorded yet, never more than the
            // balance, so a repeated call (or a retry after a lost answer) never pays twice.
            var recorded = invoice.Payments ?? 0m;
            var amount = Math.Min(invoice.Balance ?? 0m, mark.Amount - recorded);
            if (amount <= 0m)
            {
                results[mark.InvoiceId] = new PsaWriteResult(mark.InvoiceId);
                continue;
            }

            try
            {
                var body = new CwPaymentRequest("Payment", amount, CwDates.ToWire(mark.PaidDate));
                await api.PostAsync($"finance/invoices/{invoice.Id}/payments", body, CwJsonContext.Default.CwPaymentRequest, cancellationToken).ConfigureAwait(false);
                results[mark.InvoiceId] = new PsaWriteResult(mark.InvoiceId);
                ConnectWiseLog.PaymentPosted(_logger, amount, invoice.InvoiceNumber ?? mark.InvoiceId);
            }
            catch (ConnectWiseApiException ex)
            {
                results[mark.InvoiceId] = new PsaWriteResult(mark.InvoiceId, $"ConnectWise refused the payment of invoice {invoice.InvoiceNumber}: {ex.Describe()}");
            }
        }

        return marks.Select(m => results[m.InvoiceId]).ToList();
    }

    public async Task<RawDocument> GetRawInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default)
    {
        var id = ParseId(invoiceId) ?? throw new ArgumentException($"'{invoiceId}' is not a ConnectWise invoice id (a number).", nameof(invoiceId));
        var text = await _api().GetTextAsync($"finance/invoices/{id}", cancellationToken).ConfigureAwait(false);
        return new RawDocument("application/json", text);
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var api = _api();
            var invoices = await api.GetAsync("finance/invoices/count", CwJsonContext.Default.CwCount, cancellationToken).ConfigureAwait(false);
            var unposted = await api.GetAsync("finance/accounting/unpostedinvoices/count", CwJsonContext.Default.CwCount, cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"Connected to ConnectWise company {_options.CompanyId}: {invoices.Count} invoices, {unposted.Count} unposted.");
        }
        catch (AuthenticationException ex)
        {
            return new ConnectionTestResult(false, ex.Message);
        }
        catch (ConnectWiseApiException ex) when (ex.Status == HttpStatusCode.Forbidden)
        {
            return new ConnectionTestResult(false, "The API Member lacks a permission (Finance invoicing, Accounting Interface, Companies/Contacts): " + ex.Describe());
        }
        catch (ConnectWiseApiException ex)
        {
            return new ConnectionTestResult(false, ex.Message) { IsTransient = TransientFaults.IsTransientStatus(ex.Status) };
        }
        catch (Exception ex) when (ex is not WiseSyncException && TransientFaults.IsCallFailure(ex, cancellationToken))
        {
            return TransientFaults.FailedConnection($"ConnectWise at {_options.SiteUrl} cannot be reached: {ex.Message}", ex, cancellationToken);
        }
        catch (WiseSyncException ex)
        {
            return TransientFaults.FailedConnection(ex.Message, ex, cancellationToken);
        }
    }

    private async Task<List<CwInvoice>> FindInvoicesAsync(ConnectWiseApi api, PsaInvoiceQuery query, CancellationToken cancellationToken)
    {
        // The conditions are a day wider than asked; the exact cut uses the calendar date as read by CwDates.
        var thru = $"date < {Conditions.Date(query.ThruDate.PlusDays(2))}";
        var from = query.FromDate is { } f ? $"date >= {Conditions.Date(f.PlusDays(-1))}" : null;
        var location = _options.LocationId is { } loc ? $"locationId = {loc.ToString(CultureInfo.InvariantCulture)}" : null;
        var requestedIds = query.InvoiceIds?.Select(ParseId).OfType<int>().ToList();
        if (requestedIds is { Count: 0 })
        {
            return [];
        }

        List<CwInvoice> invoices;
        if (query.IncludeAlreadySynced)
        {
            invoices = requestedIds is null
                ? await ToListAsync(api.GetAllAsync("finance/invoices", Conditions.And(thru, from, location), CwJsonContext.Default.ListCwInvoice, InvoiceFields, _options.PageSize, cancellationToken)).ConfigureAwait(false)
                : await GetByIdsAsync(api, "finance/invoices", "id", requestedIds, CwJsonContext.Default.ListCwInvoice, Conditions.And(thru, from, location), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Unposted = not yet in an accounting batch (§2.4); the invoice itself gives status, PO and the balance.
            var unpostedConditions = Conditions.And(thru.Replace("date", "invoiceDate", StringComparison.Ordinal), from?.Replace("date", "invoiceDate", StringComparison.Ordinal), location);
            var unposted = requestedIds is null
                ? await ToListAsync(api.GetAllAsync("finance/accounting/unpostedinvoices", unpostedConditions, CwJsonContext.Default.ListCwUnpostedInvoice, "id,billingLogId,invoiceNumber,invoiceDate,locationId", _options.PageSize, cancellationToken)).ConfigureAwait(false)
                : await GetByIdsAsync(api, "finance/accounting/unpostedinvoices", "billingLogId", requestedIds, CwJsonContext.Default.ListCwUnpostedInvoice, unpostedConditions, cancellationToken).ConfigureAwait(false);
            invoices = await GetByIdsAsync(api, "finance/invoices", "id", unposted.Select(u => u.BillingLogId).ToList(), CwJsonContext.Default.ListCwInvoice, null, cancellationToken).ConfigureAwait(false);

            // Batched between the two reads (another accounting batch took it): posted, so no longer pending.
            invoices.RemoveAll(i => i.GlBatch is not null);
        }

        // Closed status is judged on the status the API returns, not asked for in the conditions: whether every site
        // accepts status/isClosed inside conditions is not documented, and a refused condition would stop the run.
        // A status without isClosed (older models) counts as closed: unposted invoices have GL entries, which ConnectWise
        // creates only on closing (reference §2.4), and the GL export still refuses one without them.
        return invoices
            .Where(i => i.Status?.IsClosed != false)
            .Where(i => CwDates.ToLocalDate(i.Date, _zone) is { } d && d <= query.ThruDate && (query.FromDate is null || d >= query.FromDate))
            .Where(i => query.Division is null || string.Equals(i.Location?.Name, query.Division, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.Id)
            .ToList();
    }

    /// <summary>The red light of an invoice whose GL entries another accounting batch exported after it was listed.</summary>
    internal const string BatchedElsewhere = "ConnectWise has no unbatched GL entries for this invoice; another accounting batch already exported it";

    /// <summary>
    /// The GL export of the given invoices, keyed by invoice id. A GL transaction names its invoice only by
    /// documentNumber (GLExportTransaction, reference §2.4), so invoices whose numbers differ only in case never share an
    /// export request: within one, the number tells whose a transaction is (exactly, else ignoring case).
    /// </summary>
    private async Task<Dictionary<int, CwGlTransaction>> ExportAsync(ConnectWiseApi api, IReadOnlyList<CwInvoice> invoices, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, CwGlTransaction>();
        foreach (var chunk in DistinctNumberGroups(invoices.Where(i => i.GlBatch is null)).SelectMany(g => g.Chunk(1000)))
        {
            var thru = chunk.Select(i => CwDates.ToLocalDate(i.Date, _zone) ?? LocalDate.MinIsoValue).Max();
            var request = new CwExportRequest
            {
                // The thru date must reach the newest invoice or future-dated ones are left out (§2.4, wise-sync KB).
                ThruDate = CwDates.ToWire(thru.PlusDays(1)),
                SummarizeInvoices = _options.SummarizeInvoices,
                ExportInvoicesFlag = true,
                IncludedInvoiceIds = chunk.Select(i => i.Id).ToList(),
            };
            var export = await api.PostAsync("finance/accounting/export", request, CwJsonContext.Default.CwExportRequest, CwJsonContext.Default.CwGlExport, ExportKey(request), cancellationToken).ConfigureAwait(false);
            AddTransactions(result, export, chunk);
        }

        // Invoices already batched (only with IncludeAlreadySynced): re-export their batches for the lines.
        foreach (var batch in invoices.Where(i => i.GlBatch?.Id is not null).GroupBy(i => i.GlBatch!.Id!.Value))
        {
            var request = new CwExportRequest { ExportInvoicesFlag = true, SummarizeInvoices = _options.SummarizeInvoices };
            var export = await api.PostAsync($"finance/accounting/batches/{batch.Key}/export", request, CwJsonContext.Default.CwExportRequest, CwJsonContext.Default.CwGlExport, ExportKey(request), cancellationToken).ConfigureAwait(false);
            AddTransactions(result, export, batch.ToList());
        }

        return result;
    }

    /// <summary>Splits invoices so that no two in a group have numbers equal ignoring case (almost always one group).</summary>
    internal static List<List<CwInvoice>> DistinctNumberGroups(IEnumerable<CwInvoice> invoices)
    {
        var groups = new List<(HashSet<string> Numbers, List<CwInvoice> Invoices)>();
        foreach (var invoice in invoices)
        {
            var number = invoice.InvoiceNumber ?? string.Empty;
            var group = groups.Find(g => !g.Numbers.Contains(number));
            if (group.Invoices is null)
            {
                group = (new HashSet<string>(StringComparer.OrdinalIgnoreCase), []);
                groups.Add(group);
            }

            group.Numbers.Add(number);
            group.Invoices.Add(invoice);
        }

        return groups.Select(g => g.Invoices).ToList();
    }

    /// <summary>Gives each transaction to the one invoice of <paramref name="candidates"/> with its number; an ambiguous one to none.</summary>
    private static void AddTransactions(Dictionary<int, CwGlTransaction> result, CwGlExport export, IReadOnlyList<CwInvoice> candidates)
    {
        foreach (var t in export.Transactions ?? [])
        {
            if (string.IsNullOrWhiteSpace(t.DocumentNumber))
            {
                continue;
            }

            var exact = candidates.Where(i => string.Equals(i.InvoiceNumber, t.DocumentNumber, StringComparison.Ordinal)).ToList();
            var owners = exact.Count > 0 ? exact : candidates.Where(i => string.Equals(i.InvoiceNumber, t.DocumentNumber, StringComparison.OrdinalIgnoreCase)).ToList();
            if (owners.Count == 1)
            {
                result.TryAdd(owners[0].Id, t);
            }
        }
    }

    /// <summary>Of invoices the GL export left out, those an accounting batch now holds (another tool exported them meanwhile).</summary>
    private async Task<HashSet<int>> BatchedSinceReadAsync(ConnectWiseApi api, IReadOnlyList<CwInvoice> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return [];
        }

        var now = await GetByIdsAsync(api, "finance/invoices", "id", missing.Select(i => i.Id).ToList(), CwJsonContext.Default.ListCwInvoice, null, cancellationToken).ConfigureAwait(false);
        return now.Where(i => i.GlBatch is not null).Select(i => i.Id).ToHashSet();
    }

    private async Task BatchAsync(ConnectWiseApi api, string identifier, List<CwInvoice> invoices, Dictionary<string, PsaWriteResult> results, CancellationToken cancellationToken)
    {
        Dictionary<int, CwGlTransaction> transactions;
        HashSet<int> batchedElsewhere;
        try
        {
            transactions = await ExportAsync(api, invoices, cancellationToken).ConfigureAwait(false);
            batchedElsewhere = await BatchedSinceReadAsync(api, invoices.Where(i => !transactions.ContainsKey(i.Id)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectWiseApiException ex)
        {
            foreach (var i in invoices)
            {
                var key = i.Id.ToString(CultureInfo.InvariantCulture);
                results[key] = new PsaWriteResult(key, $"ConnectWise GL export failed: {ex.Describe()}");
            }

            return;
        }

        var ready = new List<BatchItem>();
        foreach (var invoice in invoices)
        {
            var key = invoice.Id.ToString(CultureInfo.InvariantCulture);
            transactions.TryGetValue(invoice.Id, out var transaction);
            if (batchedElsewhere.Contains(invoice.Id))
            {
                // In a batch already, as asked (like an invoice found batched before the export).
                results[key] = new PsaWriteResult(key);
            }
            else if (GlExportReader.GlProblem(transaction) is { } problem)
            {
                results[key] = new PsaWriteResult(key, $"Invoice {invoice.InvoiceNumber} cannot be posted in ConnectWise: {problem}.");
            }
            else
            {
                ready.Add(new BatchItem(invoice, GlExportReader.GlEntryIds(transaction!)));
            }
        }

        if (ready.Count > 0)
        {
            await CreateIsolatingAsync(api, identifier, ready, results, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates one accounting batch for the items; when ConnectWise refuses it for something in it (an invoice deleted
    /// since it was listed, a duplicate number…), the refused items are set apart and the others are batched in the same
    /// call to this method: those the answer names (by GL entry or invoice id), else by halving until each refusal is one
    /// invoice's. Sub-batches get deterministic identifiers (<see cref="BatchIdentifiers.Variant"/>), so a repeat of the
    /// chunk finds them. Each refused invoice gets its own red light; its neighbours are marked.
    /// </summary>
    private async Task CreateIsolatingAsync(ConnectWiseApi api, string identifier, IReadOnlyList<BatchItem> items, Dictionary<string, PsaWriteResult> results, CancellationToken cancellationToken)
    {
        var refusal = await CreateBatchAsync(api, identifier, items.Select(i => i.Invoice.Id).ToList(), items.SelectMany(i => i.Entries).ToList(), cancellationToken).ConfigureAwait(false);
        if (refusal is null || !refusal.ForItems || items.Count == 1)
        {
            foreach (var item in items)
            {
                var key = item.Invoice.Id.ToString(CultureInfo.InvariantCulture);
                results[key] = new PsaWriteResult(key, refusal is null ? null : RefusedMessage(identifier, item, refusal.Message));
            }

            return;
        }

        var named = items.Where(i => refusal.Numbers.Contains(i.Invoice.Id) || i.Entries.Any(refusal.Numbers.Contains)).ToList();
        if (named.Count == items.Count)
        {
            foreach (var item in items)
            {
                var key = item.Invoice.Id.ToString(CultureInfo.InvariantCulture);
                results[key] = new PsaWriteResult(key, RefusedMessage(identifier, item, refusal.Message));
            }

            return;
        }

        if (named.Count > 0)
        {
            ConnectWiseLog.BatchItemsRefused(_logger, identifier, named.Count, items.Count, refusal.Message);
            foreach (var item in named)
            {
                var key = item.Invoice.Id.ToString(CultureInfo.InvariantCulture);
                results[key] = new PsaWriteResult(key, RefusedMessage(identifier, item, refusal.Message));
            }

            var rest = items.Except(named).ToList();
            await CreateIsolatingAsync(api, BatchIdentifiers.Variant(identifier, "S", rest.Select(i => i.Invoice.Id)), rest, results, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The answer names nobody: halve, so the refusal narrows to the invoices it is about.
        ConnectWiseLog.BatchItemsRefused(_logger, identifier, 0, items.Count, refusal.Message);
        var half = items.Count / 2;
        foreach (var part in new[] { items.Take(half).ToList(), items.Skip(half).ToList() })
        {
            await CreateIsolatingAsync(api, BatchIdentifiers.Variant(identifier, "H", part.Select(i => i.Invoice.Id)), part, results, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string RefusedMessage(string identifier, BatchItem item, string reason) =>
        $"ConnectWise refused accounting batch '{identifier}' for invoice {item.Invoice.InvoiceNumber}: {reason}";

    /// <returns>Null on success, else why ConnectWise refused.</returns>
    private async Task<BatchRefusal?> CreateBatchAsync(ConnectWiseApi api, string identifier, IReadOnlyList<int> invoiceIds, IReadOnlyList<int> glEntryIds, CancellationToken cancellationToken)
    {
        var attempt = identifier;
        for (var round = 0; ; round++)
        {
            try
            {
                var request = new CwCreateBatchRequest { BatchIdentifier = attempt, ExportInvoicesFlag = true, ProcessedRecordIds = glEntryIds };
                // Safe to retry: ConnectWise refuses a second batch with the same identifier, so a repeat cannot double-post.
                await api.PostAsync("finance/accounting/batches", request, CwJsonContext.Default.CwCreateBatchRequest, CwJsonContext.Default.CwGlExport, "cw-batch:" + attempt, cancellationToken).ConfigureAwait(false);
                ConnectWiseLog.BatchCreated(_logger, attempt, invoiceIds.Count);
                return null;
            }
            catch (ConnectWiseApiException ex) when (round == 0 && ex.Status == HttpStatusCode.BadRequest && IsDuplicateIdentifier(ex))
            {
                // The identifier exists: either an earlier attempt of this very call went through (answer lost), or the chunk
                // was partly cleared and is marked again. Look before choosing.
                var now = await GetByIdsAsync(api, "finance/invoices", "id", invoiceIds, CwJsonContext.Default.ListCwInvoice, null, cancellationToken).ConfigureAwait(false);
                if (now.Count == invoiceIds.Count && now.All(i => i.GlBatch is not null))
                {
                    return null;
                }

                // Identifiers are never reused: take the deterministic variant for exactly these invoices.
                attempt = BatchIdentifiers.Variant(identifier, "M", invoiceIds);
            }
            catch (ConnectWiseApiException ex)
            {
                return BatchRefusal.From(ex);
            }
        }
    }

    /// <summary>An invoice ready for a batch: its GL entry ids from the export.</summary>
    private sealed record BatchItem(CwInvoice Invoice, IReadOnlyList<int> Entries);

    /// <summary>
    /// Why ConnectWise refused a batch. <see cref="ForItems"/>: a refusal of the batch's content (400/404/409/422 not about
    /// the identifier), which smaller batches may not meet; anything else (5xx after retries, 429) is about the call.
    /// <see cref="Numbers"/>: every number in the vendor's messages, to find the GL entries or invoices it names.
    /// </summary>
    private sealed partial record BatchRefusal(string Message, bool ForItems, IReadOnlySet<int> Numbers)
    {
        public static BatchRefusal From(ConnectWiseApiException ex)
        {
            var forItems = ex.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                && !ex.Messages.Any(m => m.Contains("batchIdentifier", StringComparison.OrdinalIgnoreCase));
            var numbers = ex.Messages
                .SelectMany(m => Digits().Matches(m))
                .Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null)
                .OfType<int>()
                .ToHashSet();
            return new BatchRefusal(ex.Describe(), forItems, numbers);
        }

        [System.Text.RegularExpressions.GeneratedRegex("[0-9]+")]
        private static partial System.Text.RegularExpressions.Regex Digits();
    }

    private static string ExportKey(CwExportRequest request) =>
        "cw-export:" + string.Join(',', request.IncludedInvoiceIds ?? []) + ":" + request.ThruDate;

    private static bool IsDuplicateIdentifier(ConnectWiseApiException ex) =>
        ex.Messages.Any(m => m.Contains("batchIdentifier", StringComparison.OrdinalIgnoreCase)
            && (m.Contains("exist", StringComparison.OrdinalIgnoreCase) || m.Contains("unique", StringComparison.OrdinalIgnoreCase) || m.Contains("use", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// ConnectWise has no per-invoice unbatch (reference/psa-apis.md §2.4): delete the whole batch, then put the invoices
    /// that were not asked to be cleared into a new batch of their own.
    /// </summary>
    private async Task UnbatchAsync(ConnectWiseApi api, int batchId, IReadOnlySet<int> clearing, CancellationToken cancellationToken)
    {
        var batch = await api.GetAsync($"finance/accounting/batches/{batchId}", CwJsonContext.Default.CwAccountingBatch, cancellationToken).ConfigureAwait(false);
        var entries = await ToListAsync(api.GetAllAsync($"finance/accounting/batches/{batchId}/entries", null, CwJsonContext.Default.ListCwBatchEntry, null, _options.PageSize, cancellationToken)).ConfigureAwait(false);
        var keep = entries.Select(e => e.Invoice?.Id).OfType<int>().Where(id => !clearing.Contains(id)).Distinct().Order().ToList();
        await api.DeleteAsync($"finance/accounting/batches/{batchId}", cancellationToken).ConfigureAwait(false);
        ConnectWiseLog.BatchDeleted(_logger, batchId, clearing.Count, keep.Count);
        if (keep.Count == 0)
        {
            return;
        }

        try
        {
            var kept = await GetByIdsAsync(api, "finance/invoices", "id", keep, CwJsonContext.Default.ListCwInvoice, null, cancellationToken).ConfigureAwait(false);
            var results = new Dictionary<string, PsaWriteResult>(StringComparer.Ordinal);
            await BatchAsync(api, BatchIdentifiers.Variant(batch.BatchIdentifier ?? batchId.ToString(CultureInfo.InvariantCulture), "R", keep), kept, results, cancellationToken).ConfigureAwait(false);
            foreach (var failed in results.Values.Where(r => !r.Succeeded))
            {
                ConnectWiseLog.RebatchFailed(_logger, batchId, keep.Count, failed.Error!);
            }
        }
        catch (ConnectWiseApiException ex)
        {
            // The cleared invoices are cleared; the others return as pending and the next run marks them again.
            ConnectWiseLog.RebatchFailed(_logger, batchId, keep.Count, ex.Describe());
        }
    }

    /// <summary>Reads the invoices a write names; unknown or malformed ids become red results.</summary>
    private async Task<Dictionary<string, CwInvoice>> LoadForWriteAsync(ConnectWiseApi api, IEnumerable<string> invoiceIds, Dictionary<string, PsaWriteResult> results, CancellationToken cancellationToken)
    {
        var wanted = invoiceIds.Distinct(StringComparer.Ordinal).ToList();
        var ids = new List<int>();
        foreach (var raw in wanted)
        {
            if (ParseId(raw) is { } id)
            {
                ids.Add(id);
            }
            else
            {
                results[raw] = new PsaWriteResult(raw, $"'{raw}' is not a ConnectWise invoice id.");
            }
        }

        var found = new Dictionary<string, CwInvoice>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            foreach (var invoice in await GetByIdsAsync(api, "finance/invoices", "id", ids, CwJsonContext.Default.ListCwInvoice, null, cancellationToken).ConfigureAwait(false))
            {
                found[invoice.Id.ToString(CultureInfo.InvariantCulture)] = invoice;
            }
        }

        foreach (var raw in wanted.Where(r => !results.ContainsKey(r) && !found.ContainsKey(r)))
        {
            results[raw] = new PsaWriteResult(raw, $"Invoice {raw} was not found in ConnectWise.");
        }

        // Callers key results by the id as given; normalise "007" to the caller's spelling.
        return wanted.Where(found.ContainsKey).ToDictionary(r => r, r => found[r], StringComparer.Ordinal);
    }

    private async Task<List<T>> GetByIdsAsync<T>(ConnectWiseApi api, string path, string field, IReadOnlyCollection<int> ids, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<T>> typeInfo, string? extra, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        foreach (var chunk in Conditions.Chunk(ids, _options.IdsPerQuery))
        {
            var fields = typeof(T) == typeof(CwInvoice) ? InvoiceFields : null;
            all.AddRange(await ToListAsync(api.GetAllAsync(path, Conditions.And(Conditions.In(field, chunk), extra), typeInfo, fields, _options.PageSize, cancellationToken)).ConfigureAwait(false));
        }

        return all;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }

    private static int? BilledCompanyId(CwInvoice invoice) => invoice.BillToCompany?.Id ?? invoice.Company?.Id;

    private static int? ParseId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    internal PsaInvoice ToModel(CwInvoice invoice, CwCompany? company, CwGlTransaction? transaction, IReadOnlyList<string> recipients)
    {
        var billed = invoice.BillToCompany ?? invoice.Company;
        var date = CwDates.ToLocalDate(invoice.Date, _zone)!.Value;
        var lastUpdated = invoice.Info?.GetValueOrDefault("lastUpdated");
        var salesTax = invoice.SalesTax ?? transaction?.SalesTax ?? 0m;
        var lines = GlExportReader.Lines(transaction, salesTax, _zone);
        return new PsaInvoice(
            invoice.Id.ToString(CultureInfo.InvariantCulture),
            invoice.InvoiceNumber ?? invoice.Id.ToString(CultureInfo.InvariantCulture),
            new PsaCompanyRef(
                billed?.Id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                company?.Name ?? billed?.Name ?? string.Empty,
                string.IsNullOrWhiteSpace(company?.AccountNumber) ? invoice.AccountNumber : company.AccountNumber),
            date,
            CwDates.ToLocalDate(invoice.DueDate, _zone),
            invoice.BillingTerms?.Id is { } termsId ? new PaymentTermsRef(termsId.ToString(CultureInfo.InvariantCulture), invoice.BillingTerms.Name ?? string.Empty, transaction?.DueDays) : null,
            invoice.Currency?.CurrencyCode ?? "USD",
            lines,
            invoice.Subtotal ?? lines.Sum(l => l.Amount),
            salesTax,
            invoice.Total ?? 0m,
            recipients)
        {
            Division = invoice.Location?.Name,
            PurchaseOrderNumber = string.IsNullOrWhiteSpace(invoice.CustomerPO) ? null : invoice.CustomerPO,
            SyncedMark = invoice.GlBatch is null ? null : CwDates.ToInstant(lastUpdated) ?? date.AtStartOfDayInZone(_zone).ToInstant(),
            TaxMode = TaxMode.Exclusive,
        };
    }
}
