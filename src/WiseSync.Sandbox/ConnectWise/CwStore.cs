namespace WiseSync.Sandbox.ConnectWise;

/// <summary>
/// The ConnectWise records built from the shared dataset, and their posting state. ConnectWise has no per-invoice
/// recipients: the dataset's recipients become company billing settings (billing contact = primary contact when it
/// receives invoices, contacts that receive invoices = default-billing flag, other addresses = invoice CC).
/// Scenario markers (dataset problems, vendor "connectwise"): <c>glMappingMissing</c> (invoice id: a line without a
/// GL account, so no GL entries), <c>openInvoice</c> (invoice id: not in a closed billing status),
/// <c>refuseCondition</c> (<c>data.field</c> or the note, e.g. <c>status/isClosed</c>: conditions naming it are refused),
/// and three for what other people do while a sync runs: <c>deletedBeforeBatch</c> (invoice id: someone deletes the
/// invoice in ConnectWise just before the first accounting batch naming its GL entries arrives, which is then refused
/// for entries that no longer exist), <c>refuseBatch</c> (invoice id: every batch holding its GL entries is refused with
/// an answer that names no record) and <c>batchedByAnotherTool</c> (invoice id: another integration batches it just
/// before the first GL export that asks for it, which then leaves it out).
/// </summary>
internal sealed class CwStore(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Dictionary<int, CwInvoiceRecord> _invoices = [];
    private Dictionary<int, CwCompanyRecord> _companies = [];
    private Dictionary<int, CwContactRecord> _contacts = [];
    private readonly Dictionary<int, CwBatchRecord> _batches = [];
    private int _nextBatchId = 1;
    private int _nextPaymentId = 1;
    private HashSet<int> _deleteBeforeBatch = [];
    private HashSet<int> _refuseBatch = [];
    private HashSet<int> _batchedByAnotherTool = [];

    public void Load(SandboxDataset data)
    {
        var problems = data.Problems.Where(p => p.Vendor is null || p.Vendor.Equals("connectwise", StringComparison.OrdinalIgnoreCase)).ToList();
        var noGl = problems.Where(p => p.Kind.Equals("glMappingMissing", StringComparison.OrdinalIgnoreCase)).Select(p => p.InvoiceId).OfType<int>().ToHashSet();
        var open = problems.Where(p => p.Kind.Equals("openInvoice", StringComparison.OrdinalIgnoreCase)).Select(p => p.InvoiceId).OfType<int>().ToHashSet();
        var refused = problems.Where(p => p.Kind.Equals("refuseCondition", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } d && d.TryGetProperty("field", out var f) ? f.GetString() : p.Note)
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => f!.Trim())
            .ToList();
        HashSet<int> Marked(string kind) =>
            problems.Where(p => p.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase)).Select(p => p.InvoiceId).OfType<int>().ToHashSet();
        var deleteBeforeBatch = Marked("deletedBeforeBatch");
        var refuseBatch = Marked("refuseBatch");
        var batchedByAnotherTool = Marked("batchedByAnotherTool");
        var terms = data.PaymentTerms.ToDictionary(t => t.Id);
        var divisions = data.Divisions.ToDictionary(d => d.Id);
        var loaded = new DateTimeOffset(data.ReferenceDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        var contacts = data.Contacts.ToDictionary(c => c.Id);
        var invoicesByCompany = data.Invoices.ToLookup(i => i.CompanyId);
        var companies = new Dictionary<int, CwCompanyRecord>();
        var billingFlags = new HashSet<int>();
        var identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in data.Companies)
        {
            var own = data.Contacts.Where(k => k.CompanyId == c.Id).ToList();
            var primary = own.FirstOrDefault(k => k.IsPrimary);
            var receiving = new List<int>();
            var others = new List<string>();
            foreach (var r in invoicesByCompany[c.Id].OrderBy(i => i.Id).SelectMany(i => i.Recipients))
            {
                if (r.ContactId is { } id && contacts.TryGetValue(id, out var k) && k.CompanyId == c.Id)
                {
                    if (!receiving.Contains(id))
                    {
                        receiving.Add(id);
                    }
                }
                else if (!string.IsNullOrWhiteSpace(r.Email) && !others.Contains(r.Email, StringComparer.OrdinalIgnoreCase))
                {
                    others.Add(r.Email);
                }
            }

            billingFlags.UnionWith(receiving);
            var identifier = new string(c.Name.Where(char.IsLetterOrDigit).Take(25).ToArray());
            if (!identifiers.Add(identifier))
            {
                identifier = $"{identifier[..Math.Min(identifier.Length, 20)]}{c.Id}";
                identifiers.Add(identifier);
            }

            companies[c.Id] = new CwCompanyRecord(
                c.Id,
                identifier,
                c.Name,
                string.IsNullOrEmpty(c.AccountNumber) ? null : c.AccountNumber,
                primary?.Id,
                primary is not null && receiving.Contains(primary.Id) ? primary.Id : receiving.Cast<int?>().FirstOrDefault(),
                null,
                JoinWithin(others, 1000));
        }

        var invoices = new Dictionary<int, CwInvoiceRecord>();
        foreach (var i in data.Invoices)
        {
            var term = terms.GetValueOrDefault(i.PaymentTermId);
            var division = i.DivisionId is { } d ? divisions.GetValueOrDefault(d) : null;
            var lines = i.Lines.Where(l => l.Billable).Select((l, n) => new CwLineRecord(
                l.Description,
                l.Quantity,
                l.UnitPrice,
                l.Amount,
                l.Taxable,
                l.ItemCode,
                noGl.Contains(i.Id) && n == 0 ? null : l.Kind switch { SandboxLineKind.Service => "4000", SandboxLineKind.Product => "4100", _ => "4200" },
                l.Kind switch { SandboxLineKind.Service => "Time", SandboxLineKind.Product => "Product", _ => "Expense" },
                l.Date ?? i.Date)).ToList();
            invoices[i.Id] = new CwInvoiceRecord
            {
                Id = i.Id,
                Number = i.Number,
                Type = i.Total < 0m ? "CreditMemo" : "Standard",
                CompanyId = i.CompanyId,
                Date = i.Date,
                DueDate = i.DueDate,
                TermsId = term?.Id ?? 0,
                TermsName = term?.Name ?? "Due on receipt",
                DueDays = term?.Days,
                Currency = i.Currency,
                LocationId = division?.Id ?? 10,
                LocationName = division?.Name ?? "Head Office",
                IsClosed = !open.Contains(i.Id),
                CustomerPO = i.PurchaseOrderNumber,
                Lines = lines,
                SalesTax = i.Tax,
                Subtotal = i.Subtotal,
                Total = i.Total,
                LastUpdated = loaded,
            };
        }

        lock (_gate)
        {
            RefusedConditionFields = refused;
            _companies = companies;
            _contacts = data.Contacts.ToDictionary(
                c => c.Id,
                c => new CwContactRecord(c.Id, c.CompanyId, c.FirstName, c.LastName, string.IsNullOrEmpty(c.Email) ? null : c.Email, !c.Active, c.IsPrimary, billingFlags.Contains(c.Id)));
            _invoices = invoices;
            _batches.Clear();
            _nextBatchId = 1;
            _nextPaymentId = 1;
            _deleteBeforeBatch = deleteBeforeBatch;
            _refuseBatch = refuseBatch;
            _batchedByAnotherTool = batchedByAnotherTool;
        }
    }

    /// <summary>
    /// Fields a <c>conditions</c> parameter may not name (scenario <c>refuseCondition</c>): ConnectWise answers 400 with
    /// its error body for a condition it does not support, e.g. <c>status/isClosed</c> on some versions (not documented
    /// either way, reference/psa-apis.md §2.2), so a client must not depend on it.
    /// </summary>
    public IReadOnlyList<string> RefusedConditionFields { get; private set; } = [];

    public object? State(string collection)
    {
        switch (collection.ToLowerInvariant())
        {
            case "invoices": return Invoices();
            case "unpostedinvoices": return Unposted();
            case "batches":
                lock (_gate)
                {
                    return _batches.Values.OrderBy(b => b.Id).Select(b =>
                    {
                        var o = CwJson.Batch(b);
                        // Sandbox view: which invoices the batch posted (the API gives them through /entries).
                        o["invoiceIds"] = new JsonArray(InvoicesOf(b).Select(i => (JsonNode)i.Id).ToArray());
                        return o;
                    }).ToList();
                }

            case "companies": return Companies();
            case "contacts": return Contacts();
            case "payments":
                lock (_gate)
                {
                    return _invoices.Values.OrderBy(i => i.Id).SelectMany(i => i.Payments.Select(p => CwJson.Payment(p, i))).ToList();
                }

            default: return null;
        }
    }

    public List<JsonObject> Invoices()
    {
        lock (_gate)
        {
            return _invoices.Values.OrderBy(i => i.Id).Select(InvoiceJson).ToList();
        }
    }

    public JsonObject? Invoice(int id)
    {
        lock (_gate)
        {
            return _invoices.TryGetValue(id, out var i) ? InvoiceJson(i) : null;
        }
    }

    /// <summary>Closed invoices whose GL entries are in no batch (with or without GL entries: those never leave).</summary>
    public List<JsonObject> Unposted()
    {
        lock (_gate)
        {
            return _invoices.Values.Where(i => i.IsClosed && i.BatchId is null).OrderBy(i => i.Id)
                .Select(i => CwJson.UnpostedInvoice(i, CompanyOf)).ToList();
        }
    }

    public List<JsonObject> Companies()
    {
        lock (_gate)
        {
            return _companies.Values.OrderBy(c => c.Id).Select(c => CwJson.Company(c, id => _contacts.GetValueOrDefault(id))).ToList();
        }
    }

    public List<JsonObject> Contacts()
    {
        lock (_gate)
        {
            return _contacts.Values.OrderBy(c => c.Id).Select(c => CwJson.Contact(c, CompanyOf)).ToList();
        }
    }

    public List<JsonObject> Batches()
    {
        lock (_gate)
        {
            return _batches.Values.OrderBy(b => b.Id).Select(CwJson.Batch).ToList();
        }
    }

    public JsonObject? Batch(int id)
    {
        lock (_gate)
        {
            return _batches.TryGetValue(id, out var b) ? CwJson.Batch(b) : null;
        }
    }

    public List<JsonObject>? BatchEntries(int id)
    {
        lock (_gate)
        {
            if (!_batches.TryGetValue(id, out var b))
            {
                return null;
            }

            var byEntry = _invoices.Values.SelectMany(i => i.GlEntryIds.Select(e => (e, i))).ToDictionary(x => x.e, x => x.i);
            return b.EntryIds.Where(byEntry.ContainsKey).Select(e => CwJson.BatchEntry(e, byEntry[e])).ToList();
        }
    }

    public List<JsonObject>? Payments(int invoiceId)
    {
        lock (_gate)
        {
            return _invoices.TryGetValue(invoiceId, out var i) ? i.Payments.Select(p => CwJson.Payment(p, i)).ToList() : null;
        }
    }

    /// <summary>POST /finance/accounting/export: the GL data of unposted closed invoices; changes nothing.</summary>
    public (JsonObject? Export, string? Error) Export(JsonObject body)
    {
        if (!Flags(body))
        {
            return (null, "Batch export must include invoices, expenses, or products");
        }

        var summarize = Text(body["summarizeInvoices"]) ?? "Default";
        DateOnly thru;
        if (body["thruDate"] is JsonValue thruValue)
        {
            if (!DateTimeOffset.TryParse(thruValue.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return (null, "thruDate: is not a date");
            }

            thru = DateOnly.FromDateTime(parsed.UtcDateTime);
        }
        else
        {
            // The UI's thru date defaults to today (wise-sync KB, §2.4).
            thru = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        }

        var location = body["locationId"] is JsonValue l && l.TryGetValue<int>(out var loc) ? loc : (int?)null;
        var included = Ids(body["includedInvoiceIds"]);
        var excluded = Ids(body["excludedInvoiceIds"]) ?? [];
        if (!Bool(body["exportInvoicesFlag"]))
        {
            return (CwJson.GlExport([], CompanyOf, summarize), null);
        }

        lock (_gate)
        {
            foreach (var id in (included ?? []).Where(_batchedByAnotherTool.Contains).ToList())
            {
                // Another integration exports the invoice first (scenario batchedByAnotherTool): its GL entries leave the export.
                _batchedByAnotherTool.Remove(id);
                if (_invoices.TryGetValue(id, out var taken) && taken.BatchId is null && taken.GlEntryIds.Count > 0)
                {
                    AddBatch($"OtherTool-{id}", exportInvoices: true, exportExpenses: false, exportProducts: false, taken.GlEntryIds.ToList());
                }
            }

            var selected = _invoices.Values
                .Where(i => i.IsClosed && i.BatchId is null && i.Date <= thru)
                .Where(i => location is null || i.LocationId == location)
                .Where(i => included is null || included.Contains(i.Id))
                .Where(i => !excluded.Contains(i.Id))
                .OrderBy(i => i.Id)
                .ToList();
            return (CwJson.GlExport(selected, CompanyOf, summarize), null);
        }
    }

    public JsonObject? ExportBatch(int id, string? summarize)
    {
        lock (_gate)
        {
            return _batches.TryGetValue(id, out var b) ? CwJson.GlExport(InvoicesOf(b), CompanyOf, summarize ?? "Default") : null;
        }
    }

    /// <summary>POST /finance/accounting/batches: the GL entries in processedRecordIds become posted.</summary>
    public (JsonObject? Export, List<(string Field, string Message)> Errors) CreateBatch(JsonObject body)
    {
        var errors = new List<(string, string)>();
        var identifier = body["batchIdentifier"] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;
        if (string.IsNullOrEmpty(identifier))
        {
            errors.Add(("batchIdentifier", "batchIdentifier is required"));
        }
        else if (identifier.Length > 50)
        {
            errors.Add(("batchIdentifier", "batchIdentifier cannot be longer than 50 characters"));
        }

        if (!Flags(body))
        {
            errors.Add(("exportInvoicesFlag", "Batch export must include invoices, expenses, or products"));
        }

        var entries = Ids(body["processedRecordIds"]);
        if (entries is null || entries.Count == 0)
        {
            errors.Add(("processedRecordIds", "processedRecordIds is required"));
        }

        lock (_gate)
        {
            var named = (entries ?? []).ToHashSet();
            foreach (var deleted in _invoices.Values.Where(i => _deleteBeforeBatch.Contains(i.Id) && i.GlEntryIds.Any(named.Contains)).ToList())
            {
                // Someone deletes the invoice in ConnectWise now (scenario deletedBeforeBatch): its GL entries go with it.
                _deleteBeforeBatch.Remove(deleted.Id);
                _invoices.Remove(deleted.Id);
            }

            if (identifier is not null && _batches.Values.Any(b => b.BatchIdentifier.Equals(identifier, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(("batchIdentifier", $"batchIdentifier '{identifier}' already exists"));
            }

            var byEntry = _invoices.Values.SelectMany(i => i.GlEntryIds.Select(e => (e, i))).ToDictionary(x => x.e, x => x.i);
            foreach (var e in entries ?? [])
            {
                if (!byEntry.TryGetValue(e, out var invoice))
                {
                    errors.Add(("processedRecordIds", $"GL entry {e} does not exist"));
                }
                else if (invoice.BatchId is not null)
                {
                    errors.Add(("processedRecordIds", $"GL entry {e} is already in batch {invoice.BatchId}"));
                }
            }

            if (errors.Count == 0 && (entries ?? []).Any(e => byEntry.TryGetValue(e, out var i) && _refuseBatch.Contains(i.Id)))
            {
                // [?] ConnectWise's wording for a record it cannot export is unknown; this answer deliberately names none.
                errors.Add(("processedRecordIds", "One or more records could not be processed for the batch"));
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var batch = AddBatch(identifier!, Bool(body["exportInvoicesFlag"]), Bool(body["exportExpensesFlag"]), Bool(body["exportProductsFlag"]), entries!);
            return (CwJson.GlExport(InvoicesOf(batch), CompanyOf, "Default"), errors);
        }
    }

    /// <summary>Records a batch and marks its invoices posted; the caller holds the lock.</summary>
    private CwBatchRecord AddBatch(string identifier, bool exportInvoices, bool exportExpenses, bool exportProducts, IReadOnlyList<int> entries)
    {
        var batch = new CwBatchRecord(_nextBatchId++, identifier, exportInvoices, exportExpenses, exportProducts, entries.Distinct().Order().ToList());
        _batches[batch.Id] = batch;
        var now = time.GetUtcNow();
        foreach (var invoice in InvoicesOf(batch))
        {
            invoice.BatchId = batch.Id;
            invoice.LastUpdated = now;
        }

        return batch;
    }

    /// <summary>DELETE /finance/accounting/batches/{id}: every item of the batch returns to unposted (§2.4).</summary>
    public bool DeleteBatch(int id)
    {
        lock (_gate)
        {
            if (!_batches.Remove(id))
            {
                return false;
            }

            var now = time.GetUtcNow();
            foreach (var invoice in _invoices.Values.Where(i => i.BatchId == id))
            {
                invoice.BatchId = null;
                invoice.LastUpdated = now;
            }

            return true;
        }
    }

    /// <summary>POST /finance/invoices/{id}/payments.</summary>
    public (JsonObject? Payment, string? Error, bool NotFound) AddPayment(int invoiceId, JsonObject body)
    {
        lock (_gate)
        {
            if (!_invoices.TryGetValue(invoiceId, out var invoice))
            {
                return (null, null, true);
            }

            if (body["amount"] is not JsonValue a || !a.TryGetValue<decimal>(out var amount) || amount <= 0m)
            {
                return (null, "amount: must be a positive number", false);
            }

            if (amount > invoice.Balance)
            {
                return (null, $"amount: {amount.ToString(CultureInfo.InvariantCulture)} exceeds the invoice balance of {invoice.Balance.ToString(CultureInfo.InvariantCulture)}", false);
            }

            var date = time.GetUtcNow();
            if (body["paymentDate"] is JsonValue d
                && !DateTimeOffset.TryParse(d.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date))
            {
                return (null, "paymentDate: is not a date", false);
            }

            var type = body["type"] is JsonValue t && t.TryGetValue<string>(out var ts) ? ts : "Payment";
            var payment = new CwPaymentRecord(_nextPaymentId++, type, amount, date);
            invoice.Payments.Add(payment);
            invoice.LastUpdated = time.GetUtcNow();
            return (CwJson.Payment(payment, invoice), null, false);
        }
    }

    private JsonObject InvoiceJson(CwInvoiceRecord i) =>
        CwJson.Invoice(i, CompanyOf, i.BatchId is { } b ? _batches.GetValueOrDefault(b) : null);

    private CwCompanyRecord? CompanyOf(int id) => _companies.GetValueOrDefault(id);

    private List<CwInvoiceRecord> InvoicesOf(CwBatchRecord b)
    {
        var entries = b.EntryIds.ToHashSet();
        return _invoices.Values.Where(i => i.GlEntryIds.Any(entries.Contains)).OrderBy(i => i.Id).ToList();
    }

    private static bool Flags(JsonObject body) =>
        new[] { "exportInvoicesFlag", "exportExpensesFlag", "exportProductsFlag" }.Any(f => Bool(body[f]));

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<int>? Ids(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(n => n is JsonValue v && (v.TryGetValue<int>(out var i) || (v.TryGetValue<string>(out var s) && int.TryParse(s, out i))) ? i : (int?)null).OfType<int>().ToList()
            : null;

    private static string? JoinWithin(List<string> addresses, int max)
    {
        var sb = new StringBuilder();
        foreach (var a in addresses)
        {
            if (sb.Length + a.Length + 1 > max)
            {
                break;
            }

            sb.Append(sb.Length == 0 ? string.Empty : ";").Append(a);
        }

        return sb.Length == 0 ? null : sb.ToString();
    }
}
