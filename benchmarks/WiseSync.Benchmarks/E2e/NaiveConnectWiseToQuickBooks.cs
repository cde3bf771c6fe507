using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WiseSync.Sandbox;

namespace WiseSync.Benchmarks.E2e;

/// <summary>
/// The baseline for ConnectWise → QuickBooks, written as samples read (reference/psa-apis.md Part 2,
/// reference/accounting-apis.md Part 2): list the unposted invoices, then per invoice export its GL transaction, look the
/// customer up by DisplayName, create it when missing, create the invoice, and post the invoice's GL entries in a batch
/// of its own (the synced mark). One call after another; on 429 wait Retry-After and try again.
/// </summary>
internal sealed class NaiveConnectWiseToQuickBooks(SandboxServer sandbox, HttpClient http) : INaiveRun
{
    private const int MaxAttempts = 20;
    private string _token = string.Empty;
    private string _itemId = string.Empty;

    public int Posted { get; private set; }

    public async Task RunAsync(string thruDate, CancellationToken cancellationToken)
    {
        await RefreshTokenAsync(cancellationToken).ConfigureAwait(false);
        var items = await QboAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("select * from Item maxresults 1"), null, cancellationToken).ConfigureAwait(false);
        _itemId = (string)items["QueryResponse"]!["Item"]![0]!["Id"]!;

        var invoices = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var list = (await CwAsync(HttpMethod.Get, $"finance/accounting/unpostedinvoices?pageSize=1000&page={page}", null, cancellationToken).ConfigureAwait(false)).AsArray();
            invoices.AddRange(list.Select(i => i!.DeepClone()));
            if (list.Count < 1000)
            {
                break;
            }
        }

        foreach (var invoice in invoices)
        {
            try
            {
                await SyncOneAsync(invoice, thruDate, cancellationToken).ConfigureAwait(false);
                Posted++;
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"naive: invoice {invoice["invoiceNumber"]} failed: {ex.Message}");
            }
        }
    }

    private async Task SyncOneAsync(JsonNode invoice, string thruDate, CancellationToken cancellationToken)
    {
        var billingLogId = (int)invoice["billingLogId"]!;
        var export = await CwAsync(HttpMethod.Post, "finance/accounting/export", new JsonObject
        {
            ["exportInvoicesFlag"] = true,
            ["thruDate"] = thruDate + "T23:59:59Z",
            ["includedInvoiceIds"] = new JsonArray(billingLogId),
        }, cancellationToken).ConfigureAwait(false);
        var transaction = export["transactions"]?.AsArray().FirstOrDefault();
        if (transaction is null)
        {
            throw new HttpRequestException($"invoice {billingLogId} has no GL transaction");
        }

        var customerName = (string?)invoice["billToCompany"]?["name"] ?? (string)invoice["company"]!["name"]!;
        var customerId = await FindOrCreateCustomerAsync(customerName, cancellationToken).ConfigureAwait(false);
        var total = (decimal?)invoice["total"] ?? 0m;
        await QboAsync(HttpMethod.Post, "invoice", new JsonObject
        {
            ["DocNumber"] = (string)invoice["invoiceNumber"]!,
            ["TxnDate"] = ((string)invoice["invoiceDate"]!)[..10],
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = total,
                ["DetailType"] = "SalesItemLineDetail",
                ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = _itemId }, ["Qty"] = 1, ["UnitPrice"] = total },
            }),
        }, cancellationToken).ConfigureAwait(false);

        // The synced mark: the invoice's GL entries become posted in a batch (reference/psa-apis.md §2.4).
        var entries = new JsonArray(((string?)transaction["glEntryIds"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => (JsonNode)JsonValue.Create(int.Parse(s.Trim(), CultureInfo.InvariantCulture))).ToArray());
        await CwAsync(HttpMethod.Post, "finance/accounting/batches", new JsonObject
        {
            ["batchIdentifier"] = $"naive-{billingLogId}",
            ["exportInvoicesFlag"] = true,
            ["processedRecordIds"] = entries,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> FindOrCreateCustomerAsync(string name, CancellationToken cancellationToken)
    {
        var query = Uri.EscapeDataString($"select * from Customer where DisplayName = '{name.Replace("'", "\\'", StringComparison.Ordinal)}'");
        var found = await QboAsync(HttpMethod.Get, "query?query=" + query, null, cancellationToken).ConfigureAwait(false);
        if (found["QueryResponse"]?["Customer"] is JsonArray { Count: > 0 } customers)
        {
            return (string)customers[0]!["Id"]!;
        }

        var created = await QboAsync(HttpMethod.Post, "customer", new JsonObject { ["DisplayName"] = name }, cancellationToken).ConfigureAwait(false);
        return (string)created["Customer"]!["Id"]!;
    }

    private async Task RefreshTokenAsync(CancellationToken cancellationToken)
    {
        var credentials = sandbox.Credentials.QuickBooks;
        var token = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, credentials.TokenUrl)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = credentials.RefreshToken }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.ClientId}:{credentials.ClientSecret}")));
            return request;
        }, cancellationToken).ConfigureAwait(false);
        _token = (string)token["access_token"]!;
    }

    private Task<JsonNode> CwAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var cw = sandbox.Credentials.ConnectWise;
            var request = new HttpRequestMessage(method, new Uri(sandbox.BaseUrl, "connectwise/v4_6_release/apis/3.0/" + path)) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cw.CompanyId}+{cw.PublicKey}:{cw.PrivateKey}")));
            request.Headers.Add("clientId", cw.ClientId);
            return request;
        }, cancellationToken);

    private Task<JsonNode> QboAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var qbo = sandbox.Credentials.QuickBooks;
            var request = new HttpRequestMessage(method, new Uri(qbo.ApiBaseUrl, $"v3/company/{qbo.RealmId}/{path}")) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, cancellationToken);

    /// <summary>Sends, and on 429 waits Retry-After (1 s when absent) and sends again; any other failure throws.</summary>
    private async Task<JsonNode> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
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
}
