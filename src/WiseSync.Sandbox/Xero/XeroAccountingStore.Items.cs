namespace WiseSync.Sandbox.Xero;

internal sealed partial class XeroAccountingStore
{
    public XeroResponse GetItems()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return XeroResponse.Ok(Collection(XeroRender.Envelope(Guid.NewGuid(), now), "Items", _items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(XeroRender.Item), null));
        }
    }

    /// <summary>PUT /Items (create only) or POST /Items (update by ItemID or Code, or create).</summary>
    public XeroResponse WriteItems(JsonNode? body, bool createOnly, bool summarizeErrors) =>
        RunBatch(body, "Items", "HasValidationErrors", summarizeErrors, (element, now) => WriteItem(element, createOnly, now));

    private (JsonObject? Saved, List<string> Errors) WriteItem(JsonObject element, bool createOnly, DateTimeOffset now)
    {
        var errors = new List<string>();
        var id = XeroJsonFields.Guid(element, "ItemID");
        var code = XeroJsonFields.String(element, "Code");
        var existing = createOnly ? null
            : id is { } given ? _items.Find(i => i.ItemID == given)
            : code is null ? null : _items.Find(i => i.Code == code);
        var newCode = code ?? existing?.Code;
        if (string.IsNullOrEmpty(newCode))
        {
            errors.Add("Item Code must be specified");
        }
        else if (newCode.Length > 30)
        {
            // schemas.Item.Code maxLength 30 (reference §1.5).
            errors.Add(XeroMessages.ItemCodeTooLong);
        }
        else if (_items.Exists(i => i != existing && i.Code == newCode))
        {
            // [?] wording unconfirmed.
            errors.Add($"Item code '{newCode}' already exists");
        }

        var name = XeroJsonFields.String(element, "Name");
        var description = XeroJsonFields.String(element, "Description");
        CheckLength(errors, "Name", name, 50);
        CheckLength(errors, "Description", description, 4000);
        var saved = Upsert(errors, _items, existing, () => new XeroItemRecord { ItemID = Guid.NewGuid(), Code = newCode! }, item =>
        {
            item.Code = newCode!;
            item.Name = name ?? item.Name;
            item.Description = description ?? item.Description;
            item.UpdatedDateUTC = now;
        });
        return saved is null ? (null, errors) : (XeroRender.Item(saved), []);
    }
}
