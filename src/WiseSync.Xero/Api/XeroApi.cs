using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Http;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Api;

/// <summary>
/// Xero Accounting API operations the sink uses, on top of <see cref="XeroApiClient"/>: tenant header, JSON,
/// and the one error mapper for Xero's answers (reference/accounting-apis.md §1.3).
/// </summary>
internal sealed class XeroApi(XeroApiClient client, XeroConnectionState state, ILogger logger)
{
    public const string Vendor = "Xero";
    private const string Accounting = "api.xro/2.0/";

    public XeroConnectionState State => state;

    public async Task<IReadOnlyList<XeroConnectionDto>> GetConnectionsAsync(CancellationToken cancellationToken)
    {
        var response = await client.SendAsync(new XeroApiRequest(HttpMethod.Get, "connections", "GET /connections"), cancellationToken).ConfigureAwait(false);
        return Read(response, "GET /connections", XeroJsonContext.Default.IReadOnlyListXeroConnectionDto) ?? [];
    }

    public ValueTask<XeroOrganisationInfo> GetOrganisationAsync(CancellationToken cancellationToken) =>
        state.GetOrganisationAsync(
            async ct =>
            {
                var answer = await SendAsync(new XeroApiRequest(HttpMethod.Get, Accounting + "Organisation", "GET /Organisation"), XeroJsonContext.Default.XeroOrganisationsDto, ct).ConfigureAwait(false);
                var organisation = answer?.Organisations?.FirstOrDefault()
                    ?? throw new WiseSyncException("Xero answered GET /Organisation without an organisation.");
                return new XeroOrganisationInfo(
                    organisation.Name ?? string.Empty,
                    organisation.ShortCode,
                    XeroDateFormat.ParseDate(organisation.PeriodLockDate),
                    XeroDateFormat.ParseDate(organisation.EndOfYearLockDate));
            },
            cancellationToken);

    /// <summary>
    /// GET /Contacts, every page (paging returns MergedToContactID and contact persons: schemas.Contact). A filter a
    /// large organisation refuses throws <see cref="XeroFilterRefusedException"/>.
    /// </summary>
    public Task<IReadOnlyList<XeroContactDto>> GetContactsAsync(IReadOnlyList<string>? ids, string? where, CancellationToken cancellationToken) =>
        GetContactsAsync(ids, where, null, int.MaxValue, cancellationToken);

    /// <summary>GET /Contacts with any of IDs, where and searchTerm, every page up to <paramref name="maxPages"/>.</summary>
    public async Task<IReadOnlyList<XeroContactDto>> GetContactsAsync(
        IReadOnlyList<string>? ids, string? where, string? searchTerm, int maxPages, CancellationToken cancellationToken)
    {
        var all = new List<XeroContactDto>();
        for (var page = 1; page <= maxPages; page++)
        {
            var answer = await GetContactPageAsync(ids, where, searchTerm, page, null, cancellationToken).ConfigureAwait(false);
            var contacts = answer.Contacts ?? [];
            all.AddRange(contacts);
            if (contacts.Count == 0 || answer.Pagination is not { } p || p.Page >= p.PageCount)
            {
                break;
            }
        }

        return all;
    }

    /// <summary>One page of GET /Contacts (archived included), with its pagination.</summary>
    public async Task<XeroContactsDto> GetContactPageAsync(
        IReadOnlyList<string>? ids, string? where, string? searchTerm, int page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (ids is { Count: > 0 })
        {
            query.Add(new("IDs", string.Join(",", ids)));
        }

        if (where is not null)
        {
            query.Add(new("where", where));
        }

        if (searchTerm is not null)
        {
            query.Add(new("searchTerm", searchTerm));
        }

        query.Add(new("includeArchived", "true"));
        query.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        if (pageSize is { } size)
        {
            query.Add(new("pageSize", size.ToString(CultureInfo.InvariantCulture)));
        }

        return await SendAsync(new XeroApiRequest(HttpMethod.Get, Accounting + "Contacts", "GET /Contacts") { Query = query }, XeroJsonContext.Default.XeroContactsDto, cancellationToken).ConfigureAwait(false)
            ?? new XeroContactsDto();
    }

    public Task<IReadOnlyList<XeroContactDto>> WriteContactsAsync(bool createOnly, IReadOnlyList<XeroContactDto> contacts, string idempotencyKey, CancellationToken cancellationToken) =>
        WriteAsync(createOnly, "Contacts", ContactWriteQuery, new XeroContactsDto { Contacts = contacts }, contacts.Count, XeroJsonContext.Default.XeroContactsDto, answer => answer?.Contacts, idempotencyKey, cancellationToken);

    public async Task<IReadOnlyList<XeroInvoiceDto>> GetInvoicesAsync(
        IReadOnlyList<string>? ids, IReadOnlyList<string>? numbers, Instant? modifiedSince, int? page, CancellationToken cancellationToken) =>
        (await GetInvoicePageAsync(ids, numbers, modifiedSince, page, createdByMyApp: false, cancellationToken).ConfigureAwait(false)).Invoices ?? [];

    /// <summary>
    /// GET /Invoices?InvoiceNumbers=…&amp;createdByMyApp=true: only invoices this app created ("When set to true you'll only
    /// retrieve Invoices created by your app", getInvoices). Xero records the creating app itself; nobody can set it.
    /// </summary>
    public async Task<IReadOnlyList<XeroInvoiceDto>> GetInvoicesCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken) =>
        (await GetInvoicePageAsync(null, numbers, null, null, createdByMyApp: true, cancellationToken).ConfigureAwait(false)).Invoices ?? [];

    /// <summary>GET /Invoices with the answer's envelope (its DateTimeUTC).</summary>
    public async Task<XeroInvoicesDto> GetInvoicePageAsync(
        IReadOnlyList<string>? ids, IReadOnlyList<string>? numbers, Instant? modifiedSince, int? page, bool createdByMyApp, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (ids is { Count: > 0 })
        {
            query.Add(new("IDs", string.Join(",", ids)));
        }

        if (numbers is { Count: > 0 })
        {
            query.Add(new("InvoiceNumbers", string.Join(",", numbers)));
        }

        if (page is { } p)
        {
            query.Add(new("page", p.ToString(CultureInfo.InvariantCulture)));
            query.Add(new("summaryOnly", "true"));
        }

        if (createdByMyApp)
        {
            query.Add(new("createdByMyApp", "true"));
        }

        var request = new XeroApiRequest(HttpMethod.Get, Accounting + "Invoices", "GET /Invoices")
        {
            Query = query,
            IfModifiedSince = modifiedSince is { } since ? XeroDateFormat.FormatInstant(since) : null,
        };
        return await SendAsync(request, XeroJsonContext.Default.XeroInvoicesDto, cancellationToken).ConfigureAwait(false) ?? new XeroInvoicesDto();
    }

    public Task<IReadOnlyList<XeroInvoiceDto>> WriteInvoicesAsync(bool createOnly, IReadOnlyList<XeroInvoiceDto> invoices, string idempotencyKey, CancellationToken cancellationToken) =>
        WriteAsync(createOnly, "Invoices", DocumentWriteQuery, new XeroInvoicesDto { Invoices = invoices }, invoices.Count, XeroJsonContext.Default.XeroInvoicesDto, answer => answer?.Invoices, idempotencyKey, cancellationToken);

    public async Task<IReadOnlyList<XeroCreditNoteDto>> GetCreditNotesAsync(IReadOnlyList<string>? ids, string? where, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (ids is { Count: > 0 })
        {
            query.Add(new("IDs", string.Join(",", ids)));
        }

        if (where is not null)
        {
            query.Add(new("where", where));
        }

        var answer = await SendAsync(new XeroApiRequest(HttpMethod.Get, Accounting + "CreditNotes", "GET /CreditNotes") { Query = query }, XeroJsonContext.Default.XeroCreditNotesDto, cancellationToken).ConfigureAwait(false);
        return answer?.CreditNotes ?? [];
    }

    public Task<IReadOnlyList<XeroCreditNoteDto>> WriteCreditNotesAsync(bool createOnly, IReadOnlyList<XeroCreditNoteDto> notes, string idempotencyKey, CancellationToken cancellationToken) =>
        WriteAsync(createOnly, "CreditNotes", DocumentWriteQuery, new XeroCreditNotesDto { CreditNotes = notes }, notes.Count, XeroJsonContext.Default.XeroCreditNotesDto, answer => answer?.CreditNotes, idempotencyKey, cancellationToken);

    // One write for contacts, invoices and credit notes: PUT when only creating, POST otherwise.
    private async Task<IReadOnlyList<TDocument>> WriteAsync<TEnvelope, TDocument>(
        bool createOnly,
        string resource,
        IReadOnlyList<KeyValuePair<string, string>> query,
        TEnvelope envelope,
        int count,
        JsonTypeInfo<TEnvelope> type,
        Func<TEnvelope?, IReadOnlyList<TDocument>?> documents,
        string idempotencyKey,
        CancellationToken cancellationToken)
        where TEnvelope : class
    {
        var method = createOnly ? HttpMethod.Put : HttpMethod.Post;
        var request = new XeroApiRequest(method, Accounting + resource, $"{method} /{resource}")
        {
            Query = query,
            Body = JsonSerializer.Serialize(envelope, type),
            IdempotencyKey = idempotencyKey,
        };
        var answer = await SendAsync(request, type, cancellationToken).ConfigureAwait(false);
        return Aligned(documents(answer), count, request.Route);
    }

    // summarizeErrors=false: 200 with every element and its own errors; unitdp=4 keeps 4-decimal unit prices (reference §1.6).
    private static IReadOnlyList<KeyValuePair<string, string>> DocumentWriteQuery { get; } = [new("summarizeErrors", "false"), new("unitdp", "4")];

    private static IReadOnlyList<KeyValuePair<string, string>> ContactWriteQuery { get; } = [new("summarizeErrors", "false")];

    private async Task<T?> SendAsync<T>(XeroApiRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var tenant = await state.GetTenantIdAsync(PickTenantAsync, cancellationToken).ConfigureAwait(false);
        var response = await client.SendAsync(request with { TenantId = tenant }, cancellationToken).ConfigureAwait(false);
        return Read(response, request.Route, type);
    }

    private async Task<string?> PickTenantAsync(CancellationToken cancellationToken)
    {
        var connections = (await GetConnectionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => !string.IsNullOrEmpty(c.TenantId) && !string.Equals(c.TenantType, "PRACTICE", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var options = state.Options;
        if (options.TenantName is { Length: > 0 } name)
        {
            return connections.Find(c => string.Equals(c.TenantName, name, StringComparison.OrdinalIgnoreCase))?.TenantId
                ?? throw new ConfigurationException($"Xero connection '{state.ConnectionName}': no authorised organisation is named '{name}' (Xero:TenantName).");
        }

        return connections.Count switch
        {
            1 => connections[0].TenantId,

            // A custom connection is bound to one organisation and needs no tenant header (reference §1.1).
            0 when options.UseClientCredentials => null,
            0 => throw new ConfigurationException($"Xero connection '{state.ConnectionName}': the app is connected to no organisation; authorise one, or set Xero:TenantId."),
            _ => throw new ConfigurationException(
                $"Xero connection '{state.ConnectionName}' can reach {connections.Count} organisations ({string.Join(", ", connections.Select(c => c.TenantName))}): set Xero:TenantId or Xero:TenantName."),
        };
    }

    private static IReadOnlyList<TElement> Aligned<TElement>(IReadOnlyList<TElement>? elements, int sent, string route)
    {
        // With summarizeErrors=false Xero answers every element in the order sent; anything else cannot be matched up.
        if (elements is null || elements.Count != sent)
        {
            throw new WiseSyncException($"Xero answered {route} with {elements?.Count ?? 0} elements for {sent} sent; the results cannot be matched.");
        }

        return elements;
    }

    private T? Read<T>(XeroApiResponse response, string route, JsonTypeInfo<T> type)
        where T : class
    {
        if (response.Status is not (>= 200 and < 300 or 404))
        {
            XeroLog.RequestRefused(logger, state.ConnectionName, route, response.Status);
        }

        switch (response.Status)
        {
            case >= 200 and < 300:
                try
                {
                    return JsonSerializer.Deserialize(response.Body, type);
                }
                catch (JsonException ex)
                {
                    throw new WiseSyncException($"Xero answered {route} with a body that is not the expected JSON.", ex);
                }

            case 400 when XeroErrors.IsHighVolume(response.Body):
                throw new XeroFilterRefusedException(route, XeroErrors.Messages(response.Body));
            case 400:
                throw new VendorValidationException(Vendor, XeroErrors.Messages(response.Body), 400);
            case 401:
                throw new AuthenticationException($"Xero refused the access token of connection '{state.ConnectionName}' ({route}): re-authorise the connection.");
            case 403:
                throw new ConfigurationException(
                    $"Xero refused {route} for connection '{state.ConnectionName}' (403): check the tenant id and that the app was granted the scopes it needs.");
            case 404:
                return null;
            case 429:
                // Retries are spent (a daily limit never gets here: the plumbing stops it at once); say which limit.
                var throttle = XeroLimits.Classify(response.RateLimitProblem, response.DayLimitRemaining)
                    ?? new VendorThrottle(RateLimitKind.ShortWindow, "minute limit");
                throw new RateLimitedException(Vendor, throttle.Kind, throttle.LimitName, response.RetryAfter is { } wait ? Duration.FromTimeSpan(wait) : null);
            default:
                // The status travels as the inner exception EnsureSuccessStatusCode would throw, so a 503 reads as passing.
                throw new WiseSyncException(
                    $"Xero answered {route} with HTTP {response.Status}{XeroErrors.Describe(response.Body)}.",
                    new HttpRequestException($"HTTP {response.Status}", null, (HttpStatusCode)response.Status));
        }
    }
}
