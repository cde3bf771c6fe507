using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WiseSync.Sandbox;

namespace WiseSync.Benchmarks.E2e;

/// <summary>
/// The baseline: Autotask → Xero written the way vendor SDK samples and typical first integrations read. It lists the
/// unsynced invoices, then per invoice reads the company and the billing items, looks the customer up in Xero by name,
/// creates it when missing, creates the invoice, and stamps the Autotask invoice's Web Service Date. Plain HttpClient
/// calls to the sandbox's vendor routes (reference/psa-apis.md Part 1, reference/accounting-apis.md Part 1), one after
/// another, and the retry every sample has: on 429 wait Retry-After, then try again.
/// </summary>
internal sealed class NaiveAutotaskToXero(SandboxServer sandbox, HttpClient http)
{
    private const int MaxAttempts = 20;
    private string _autotaskBase = string.Empty;
    private string _xeroToken = string.Empty;
    private string _tenantId = string.Empty;
    private string _refreshToken = string.Empty;

    /// <summary>Invoices created in Xero, and invoices that failed (the baseline logs and moves on).</summary>
    public int Posted { get; private set; }

    public int Failed { get; private set; }

    public async Task RunAsync(string thruDate, CancellationToken cancellationToken)
    {
        await ConnectAutotaskAsync(cancellationToken).ConfigureAwait(false);
        await ConnectXeroAsync(cancellationToken).ConfigureAwait(false);

        var invoices = await ListUnsyncedInvoicesAsync(thruDate, cancellationToken).ConfigureAwait(false);
        foreach (var invoice in invoices)
        {
            try
            {
                await SyncOneAsync(invoice, cancellationToken).ConfigureAwait(false);
                Posted++;
            }
            catch (HttpRequestException ex)
            {
                Failed++;
                Console.Error.WriteLine($"naive: invoice {invoice["invoiceNumber"]} failed: {ex.Message}");
            }
        }
    }

    private async Task SyncOneAsync(JsonNode invoice, CancellationToken cancellationToken)
    {
        var id = (long)invoice["id"]!;
        var company = await AutotaskAsync(HttpMethod.Get, $"Companies/{(long)invoice["companyID"]!}", null, cancellationToken).ConfigureAwait(false);
        var companyName = (string)company["item"]!["companyName"]!;
        var items = await AutotaskAsync(HttpMethod.Post, "BillingItems/query", Filter(("eq", "invoiceID", JsonValue.Create(id))), cancellationToken).ConfigureAwait(false);

        var contactId = await FindOrCreateContactAsync(companyName, cancellationToken).ConfigureAwait(false);
        var lines = new JsonArray();
        foreach (var item in items["items"]!.AsArray())
        {
            lines.Add(new JsonObject
            {
                ["Description"] = (string?)item!["description"] ?? "Item",
                ["Quantity"] = (decimal)item["quantity"]!,
                ["UnitAmount"] = (decimal)item["rate"]!,
                ["AccountCode"] = "200",
                ["TaxAmount"] = (decimal?)item["taxDollars"] ?? 0m,
            });
        }

        var date = DateOnlyOf(invoice["invoiceDateTime"]);
        var due = invoice["dueDate"] is { } dueNode ? DateOnlyOf(dueNode) : date;
        var xeroInvoice = new JsonObject
        {
            ["Type"] = "ACCREC",
            ["Contact"] = new JsonObject { ["ContactID"] = contactId },
            ["InvoiceNumber"] = (string)invoice["invoiceNumber"]!,
            ["Date"] = date,
            ["DueDate"] = due,
            ["LineAmountTypes"] = "Exclusive",
            ["Status"] = "AUTHORISED",
            ["LineItems"] = lines,
        };
        await XeroAsync(HttpMethod.Put, "Invoices", new JsonObject { ["Invoices"] = new JsonArray(xeroInvoice) }, cancellationToken).ConfigureAwait(false);

        // The synced mark: Autotask's Web Service Date (reference/psa-apis.md §1.6).
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        await AutotaskAsync(HttpMethod.Patch, "Invoices", new JsonObject { ["id"] = id, ["webServiceDate"] = stamp }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> FindOrCreateContactAsync(string name, CancellationToken cancellationToken)
    {
        var where = Uri.EscapeDataString($"Name==\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        var found = await XeroAsync(HttpMethod.Get, $"Contacts?where={where}", null, cancellationToken).ConfigureAwait(false);
        if (found["Contacts"] is JsonArray { Count: > 0 } contacts)
        {
            return (string)contacts[0]!["ContactID"]!;
        }

        var created = await XeroAsync(HttpMethod.Put, "Contacts", new JsonObject { ["Contacts"] = new JsonArray(new JsonObject { ["Name"] = name }) }, cancellationToken).ConfigureAwait(false);
        return (string)created["Contacts"]![0]!["ContactID"]!;
    }

    private async Task<List<JsonNode>> ListUnsyncedInvoicesAsync(string thruDate, CancellationToken cancellationToken)
    {
        var filter = Filter(("lte", "invoiceDateTime", JsonValue.Create(thruDate + "T23:59:59")), ("notExist", "webServiceDate", null));
        var invoices = new List<JsonNode>();
        var page = await AutotaskAsync(HttpMethod.Post, "Invoices/query", filter, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            invoices.AddRange(page["items"]!.AsArray().Select(i => i!.DeepClone()));
            if (page["pageDetails"]?["nextPageUrl"] is not JsonValue next)
            {
                return invoices;
            }

            // The next page is POSTed with the same body (reference/psa-apis.md §1.4).
            page = await SendAsync(() => AutotaskRequest(HttpMethod.Post, new Uri((string)next!), filter), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ConnectAutotaskAsync(CancellationToken cancellationToken)
    {
        var user = Uri.EscapeDataString(sandbox.Credentials.Autotask.UserName);
        var zone = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.BaseUrl, $"autotask/atservicesrest/v1.0/zoneInformation?user={user}")), cancellationToken).ConfigureAwait(false);
        _autotaskBase = ((string)zone["url"]!).TrimEnd('/') + "/v1.0/";
    }

    private async Task ConnectXeroAsync(CancellationToken cancellationToken)
    {
        _refreshToken = sandbox.Credentials.Xero.RefreshToken;
        await RefreshXeroTokenAsync(cancellationToken).ConfigureAwait(false);
        var connections = await SendAsync(() => XeroRequest(HttpMethod.Get, new Uri(sandbox.BaseUrl, "xero/connections"), null), cancellationToken).ConfigureAwait(false);
        _tenantId = (string)connections[0]!["tenantId"]!;
    }

    /// <summary>The samples' token helper: refresh-token grant, keep the rotated refresh token (reference/accounting-apis.md §1.1).</summary>
    private async Task RefreshXeroTokenAsync(CancellationToken cancellationToken)
    {
        var credentials = sandbox.Credentials.Xero;
        var token = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.BaseUrl, "xero/identity/connect/token"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = _refreshToken }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.ClientId}:{credentials.ClientSecret}")));
            return request;
        }, cancellationToken).ConfigureAwait(false);
        _xeroToken = (string)token["access_token"]!;
        _refreshToken = (string?)token["refresh_token"] ?? _refreshToken;
    }

    private Task<JsonNode> AutotaskAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(() => AutotaskRequest(method, new Uri(_autotaskBase + path), body), cancellationToken);

    /// <summary>A Xero call; an expired access token (401) is refreshed once and the call sent again.</summary>
    private async Task<JsonNode> XeroAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(() => XeroRequest(method, new Uri(sandbox.BaseUrl, "xero/api.xro/2.0/" + path), body), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            await RefreshXeroTokenAsync(cancellationToken).ConfigureAwait(false);
            return await SendAsync(() => XeroRequest(method, new Uri(sandbox.BaseUrl, "xero/api.xro/2.0/" + path), body), cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage AutotaskRequest(HttpMethod method, Uri uri, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        var credentials = sandbox.Credentials.Autotask;
        request.Headers.Add("UserName", credentials.UserName);
        request.Headers.Add("Secret", credentials.Secret);
        request.Headers.Add("ApiIntegrationCode", credentials.ApiIntegrationCode);
        return request;
    }

    private HttpRequestMessage XeroRequest(HttpMethod method, Uri uri, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _xeroToken);
        if (_tenantId.Length > 0)
        {
            request.Headers.Add("xero-tenant-id", _tenantId);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>Sends, and on 429 waits Retry-After (1 s when absent) and sends again; any other failure throws.</summary>
    private async Task<JsonNode> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{request.Method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}", null, response.StatusCode);
            }

            return JsonNode.Parse(text) ?? new JsonObject();
        }
    }

    private static JsonObject Filter(params (string Op, string Field, JsonNode? Value)[] conditions)
    {
        var filter = new JsonArray();
        foreach (var (op, field, value) in conditions)
        {
            var condition = new JsonObject { ["op"] = op, ["field"] = field };
            if (value is not null)
            {
                condition["value"] = value;
            }

            filter.Add(condition);
        }

        return new JsonObject { ["filter"] = filter };
    }

    private static string DateOnlyOf(JsonNode? node) => ((string)node!)[..10];
}
