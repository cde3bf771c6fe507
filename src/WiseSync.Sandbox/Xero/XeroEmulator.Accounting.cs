namespace WiseSync.Sandbox.Xero;

/// <summary>The Accounting API's business endpoints: Contacts, Invoices, CreditNotes, Items, Payments (xero_accounting.yaml).</summary>
internal sealed partial class XeroEmulator
{
    private XeroAccountingStore? _store;

    /// <summary>The records posted to the emulated organisation.</summary>
    internal XeroAccountingStore Store => LazyInitializer.EnsureInitialized(ref _store, () =>
    {
        var store = new XeroAccountingStore(Context.Time);
        store.Organisation.Name = OrganisationName;
        store.Organisation.ShortCode = OrganisationShortCode;
        return store;
    });

    /// <summary>The organisation's short code (go.xero.com deep links, reference §1.8).</summary>
    public const string OrganisationShortCode = "!sNdBx";

    partial void MapAccounting(RouteGroupBuilder api)
    {
        api.MapGet("/Contacts", (HttpRequest r) => Answer(Store.GetContacts(ContactQuery(r))));
        api.MapGet("/Contacts/{idOrNumber}", (string idOrNumber) => Answer(Store.GetContact(idOrNumber)));
        api.MapPut("/Contacts", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteContacts(body, createOnly: true, Summarize(r)), ct));
        api.MapPost("/Contacts", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteContacts(body, createOnly: false, Summarize(r)), ct));
        api.MapPost("/Contacts/{contactId:guid}", (Guid contactId, HttpRequest r, CancellationToken ct) =>
            WriteAsync(r, body => Store.WriteContacts(WithId(body, "Contacts", "ContactID", contactId), createOnly: false, summarizeErrors: true), ct));

        // Documents written through the API are the calling app's; the sandbox has one app (OAuthSandboxCredentials.AcceptedClientId).
        api.MapGet("/Invoices", (HttpRequest r) => Answer(Store.GetDocuments(creditNotes: false, DocumentQuery(r, createdByMyAppParameter: true))));
        api.MapGet("/Invoices/{idOrNumber}", (string idOrNumber) => Answer(Store.GetDocument(creditNote: false, idOrNumber)));
        api.MapPut("/Invoices", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteDocuments(body, creditNotes: false, createOnly: true, Summarize(r), FourDp(r), OAuthSandboxCredentials.AcceptedClientId), ct));
        api.MapPost("/Invoices", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteDocuments(body, creditNotes: false, createOnly: false, Summarize(r), FourDp(r), OAuthSandboxCredentials.AcceptedClientId), ct));
        api.MapPost("/Invoices/{invoiceId:guid}", (Guid invoiceId, HttpRequest r, CancellationToken ct) =>
            WriteAsync(r, body => Store.WriteDocuments(WithId(body, "Invoices", "InvoiceID", invoiceId), creditNotes: false, createOnly: false, summarizeErrors: true, FourDp(r), OAuthSandboxCredentials.AcceptedClientId), ct));

        // getCreditNotes has no createdByMyApp parameter (xero_accounting.yaml): it is ignored there, as an unknown parameter is.
        api.MapGet("/CreditNotes", (HttpRequest r) => Answer(Store.GetDocuments(creditNotes: true, DocumentQuery(r, createdByMyAppParameter: false))));
        api.MapGet("/CreditNotes/{idOrNumber}", (string idOrNumber) => Answer(Store.GetDocument(creditNote: true, idOrNumber)));
        api.MapPut("/CreditNotes", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteDocuments(body, creditNotes: true, createOnly: true, Summarize(r), FourDp(r), OAuthSandboxCredentials.AcceptedClientId), ct));
        api.MapPost("/CreditNotes", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteDocuments(body, creditNotes: true, createOnly: false, Summarize(r), FourDp(r), OAuthSandboxCredentials.AcceptedClientId), ct));

        api.MapGet("/Items", () => Answer(Store.GetItems()));
        api.MapPut("/Items", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteItems(body, createOnly: true, Summarize(r)), ct));
        api.MapPost("/Items", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WriteItems(body, createOnly: false, Summarize(r)), ct));

        api.MapGet("/Payments", (HttpRequest r) => Answer(Store.GetPayments(XeroDates.ParseInstant(r.Headers.IfModifiedSince.ToString()), Int(r, "page"))));
        api.MapPut("/Payments", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WritePayments(body, Summarize(r)), ct));
        api.MapPost("/Payments", (HttpRequest r, CancellationToken ct) => WriteAsync(r, body => Store.WritePayments(body, summarizeErrors: true), ct));
    }

    /// <summary>
    /// Sandbox-only helpers for what Xero users do in the web app: merge and archive contacts, and type contacts,
    /// invoices and credit notes by hand (<c>POST /_sandbox/webapp</c>, body as the API's PUT takes it; <c>?app=Name</c>
    /// records another app as their creator instead, for a second tool writing to the same organisation).
    /// </summary>
    partial void MapSandboxHelpers(RouteGroupBuilder group)
    {
        group.MapPost("/_sandbox/webapp", async (HttpRequest r, CancellationToken ct) =>
        {
            var app = Text(r, "app");
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(r.Body, cancellationToken: ct);
            }
            catch (JsonException ex)
            {
                return Answer(XeroResponse.PostDataInvalid("The request body is not valid JSON: " + ex.Message));
            }

            return Answer(body switch
            {
                JsonObject o when o.ContainsKey("Contacts") => Store.WriteContacts(body, createOnly: true, summarizeErrors: false),
                JsonObject o when o.ContainsKey("CreditNotes") => Store.WriteDocuments(body, creditNotes: true, createOnly: true, summarizeErrors: false, fourDecimalUnits: true, app),
                _ => Store.WriteDocuments(body, creditNotes: false, createOnly: true, summarizeErrors: false, fourDecimalUnits: true, app),
            });
        });
        group.MapPost("/_sandbox/contacts/{from:guid}/merge/{into:guid}", (Guid from, Guid into) =>
            Store.Merge(from, into) ? Results.Ok() : Results.NotFound());
        group.MapPost("/_sandbox/contacts/{id:guid}/archive", (Guid id) =>
            Store.Archive(id) ? Results.Ok() : Results.NotFound());
        group.MapPost("/_sandbox/highvolume", (HighVolumeRequest request) =>
        {
            Store.HighVolume = request.Enabled;
            return Results.Ok();
        });
        group.MapPost("/_sandbox/lockdates", (LockDatesRequest request) =>
        {
            Store.SetLockDates(request.PeriodLockDate, request.EndOfYearLockDate);
            (_periodLockDate, _endOfYearLockDate) = (request.PeriodLockDate, request.EndOfYearLockDate);
            return Results.Ok();
        });
    }

    private sealed record LockDatesRequest(DateOnly? PeriodLockDate, DateOnly? EndOfYearLockDate);

    private sealed record HighVolumeRequest(bool Enabled);

    /// <summary>
    /// A write: with an Idempotency-Key the first answer is kept and replayed for every repeat of the key
    /// (reference §1.6 Idempotency; how long Xero keeps keys is unconfirmed, the sandbox keeps them until reset).
    /// </summary>
    private async Task<IResult> WriteAsync(HttpRequest request, Func<JsonNode?, XeroResponse> write, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return Answer(XeroResponse.PostDataInvalid("The request body is not valid JSON: " + ex.Message));
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 128)
        {
            return Answer(XeroResponse.PostDataInvalid("Idempotency-Key must be at most 128 characters"));
        }

        return Answer(key.Length == 0 ? write(body) : Store.Idempotent(key, () => write(body)));
    }

    private static IResult Answer(XeroResponse response) =>
        Results.Text(response.Body.ToJsonString(), "application/json", Encoding.UTF8, response.Status);

    private static JsonNode? WithId(JsonNode? body, string collection, string idField, Guid id)
    {
        if (body is JsonObject root)
        {
            var element = root[collection] is JsonArray { Count: > 0 } list && list[0] is JsonObject first ? first : root;
            element[idField] = id.ToString();
        }

        return body;
    }

    // The server summarises errors unless summarizeErrors=false is asked for (reference §1.6 Batch and summarizeErrors).
    private static bool Summarize(HttpRequest request) =>
        !string.Equals(request.Query["summarizeErrors"].ToString(), "false", StringComparison.OrdinalIgnoreCase);

    private static bool FourDp(HttpRequest request) => request.Query["unitdp"].ToString() == "4";

    private static XeroContactQuery ContactQuery(HttpRequest r) => new(
        Guids(r, "IDs"),
        Text(r, "where"),
        Text(r, "searchTerm"),
        Int(r, "page"),
        Int(r, "pageSize"),
        Bool(r, "includeArchived"),
        Bool(r, "summaryOnly"));

    private static XeroDocumentQuery DocumentQuery(HttpRequest r, bool createdByMyAppParameter) => new(
        Guids(r, "IDs"),
        List(r, "InvoiceNumbers") ?? List(r, "CreditNoteNumbers"),
        Guids(r, "ContactIDs"),
        List(r, "Statuses"),
        Text(r, "where"),
        Text(r, "searchTerm"),
        Int(r, "page"),
        Int(r, "pageSize"),
        XeroDates.ParseInstant(r.Headers.IfModifiedSince.ToString()),
        Bool(r, "summaryOnly"),
        createdByMyAppParameter && Bool(r, "createdByMyApp") ? OAuthSandboxCredentials.AcceptedClientId : null);

    private static string? Text(HttpRequest r, string name) => r.Query.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    private static int? Int(HttpRequest r, string name) =>
        int.TryParse(Text(r, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Bool(HttpRequest r, string name) => string.Equals(Text(r, name), "true", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string>? List(HttpRequest r, string name) =>
        Text(r, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Trim('"')).ToList();

    private static IReadOnlyList<Guid>? Guids(HttpRequest r, string name) =>
        List(r, name)?.Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
}
