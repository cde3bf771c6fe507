namespace WiseSync.Sandbox.Xero;

/// <summary>
/// The records of the emulated Xero organisation (one tenant) and the rules Xero applies to them.
/// Written from reference/accounting-apis.md Part 1 and xero_accounting.yaml; thread safe through one lock.
/// </summary>
internal sealed partial class XeroAccountingStore(TimeProvider time)
{
    public const int MaxContactPersons = 5;
    public const int DefaultPageSize = 100;

    private readonly Lock _gate = new();
    private readonly Lock _idempotencyGate = new();
    private readonly List<XeroContactRecord> _contacts = [];
    private readonly List<XeroDocumentRecord> _documents = [];
    private readonly List<XeroItemRecord> _items = [];
    private readonly Dictionary<string, XeroResponse> _idempotent = new(StringComparer.Ordinal);

    public XeroOrganisationSettings Organisation { get; } = new();

    /// <summary>
    /// Runs a write once per Idempotency-Key: a repeat of the key gets the first answer again, whatever its body
    /// (reference §1.6 Idempotency). Writes with keys run one at a time so a repeat arriving mid-write waits for it.
    /// </summary>
    public XeroResponse Idempotent(string key, Func<XeroResponse> write)
    {
        lock (_idempotencyGate)
        {
            if (_idempotent.TryGetValue(key, out var first))
            {
                IdempotentReplays++;
                return first;
            }

            var response = write();
            _idempotent[key] = response;
            return response;
        }
    }

    /// <summary>How many writes were answered from the idempotency store.</summary>
    public int IdempotentReplays { get; private set; }

    public XeroResponse GetOrganisation()
    {
        var now = time.GetUtcNow();
        var body = XeroRender.Envelope(Guid.NewGuid(), now);
        lock (_gate)
        {
            body["Organisations"] = new JsonArray(XeroRender.Organisation(Organisation, now));
        }

        return XeroResponse.Ok(body);
    }

    /// <summary>Sets lock dates (sandbox admin).</summary>
    public void SetLockDates(DateOnly? periodLockDate, DateOnly? endOfYearLockDate)
    {
        lock (_gate)
        {
            Organisation.PeriodLockDate = periodLockDate;
            Organisation.EndOfYearLockDate = endOfYearLockDate;
        }
    }

    /// <summary>Forgets every record (sandbox reset).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _contacts.Clear();
            _documents.Clear();
            _items.Clear();
            _idempotent.Clear();
            Organisation.PeriodLockDate = null;
            Organisation.EndOfYearLockDate = null;
            HighVolume = false;
        }
    }

    /// <summary>The state collections of /_sandbox/state/xero/{collection}; null for an unknown name.</summary>
    public JsonNode? State(string collection)
    {
        var envelope = XeroRender.Envelope(Guid.NewGuid(), time.GetUtcNow());
        lock (_gate)
        {
            return collection.ToLowerInvariant() switch
            {
                "contacts" => Collection(envelope, "Contacts", _contacts.Select(c => XeroRender.Contact(c, detailed: true)), null),
                "invoices" => Collection(envelope, "Invoices", _documents.Where(d => !d.IsCreditNote).Select(d => XeroRender.Document(d, FindContact(d.ContactID), withLines: true)), null),
                "creditnotes" => Collection(envelope, "CreditNotes", _documents.Where(d => d.IsCreditNote).Select(d => XeroRender.Document(d, FindContact(d.ContactID), withLines: true)), null),
                "items" => Collection(envelope, "Items", _items.Select(XeroRender.Item), null),
                "payments" => Collection(envelope, "Payments", _documents.SelectMany(d => d.Payments.Select(p => XeroRender.Payment(p, d))), null),
                _ => null,
            };
        }
    }

    private XeroContactRecord? FindContact(Guid id) => _contacts.Find(c => c.ContactID == id);

    /// <summary>
    /// A GET listing: runs the filtered, sorted query (a where clause that cannot be applied to a record answers
    /// PostDataInvalid), then answers one page when the query asks for one, else everything.
    /// </summary>
    private static XeroResponse Listing<T>(IEnumerable<T> sorted, string name, int? page, int? pageSize, DateTimeOffset now, Func<T, bool, JsonObject> render)
    {
        List<T> all;
        try
        {
            all = sorted.ToList();
        }
        catch (FormatException ex)
        {
            return XeroResponse.PostDataInvalid(ex.Message);
        }

        var paged = page is not null;
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, 1000);
        var number = Math.Max(page ?? 1, 1);
        var slice = paged ? all.Skip((number - 1) * size).Take(size) : all;
        var rendered = slice.Select(item => render(item, paged));
        return XeroResponse.Ok(Collection(XeroRender.Envelope(Guid.NewGuid(), now), name, rendered, paged ? (number, size, all.Count) : null));
    }

    private static JsonObject Collection(JsonObject envelope, string name, IEnumerable<JsonObject> items, (int Page, int PageSize, int ItemCount)? paging)
    {
        if (paging is { } p)
        {
            envelope["pagination"] = new JsonObject
            {
                ["page"] = p.Page,
                ["pageSize"] = p.PageSize,
                ["pageCount"] = p.ItemCount == 0 ? 0 : ((p.ItemCount - 1) / p.PageSize) + 1,
                ["itemCount"] = p.ItemCount,
            };
        }

        envelope[name] = new JsonArray(items.Select(i => (JsonNode)i).ToArray());
        return envelope;
    }

    private static void CheckLength(List<string> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(XeroMessages.TooLong(field, max));
        }
    }
}
