using System.Net;
using System.Text.Json.Nodes;
using WiseSync.ConnectWise.Tests.Infrastructure;

namespace WiseSync.ConnectWise.Tests;

/// <summary>The ConnectWise emulator itself, over raw HTTP: conditions, paging, auth, errors.</summary>
public sealed class EmulatorTests : IAsyncLifetime
{
    private CwSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CwSandbox.StartAsync(invoices: 60, problems: [new { kind = "openInvoice", vendor = "connectwise", invoiceId = 70003 }]);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private static string Q(string conditions) => Uri.EscapeDataString(conditions);

    [Fact]
    public async Task Conditions_combine_dates_in_brackets_with_reference_fields()
    {
        var all = await _sandbox.ListAsync("finance/invoices?pageSize=1000");
        var cut = all.Select(i => (string)i!["date"]!).Order().ElementAt(30);

        var closed = await _sandbox.ListAsync($"finance/invoices?pageSize=1000&conditions={Q($"date <= [{cut[..10]}] and status/isClosed = true")}");

        var expected = all.Where(i => string.CompareOrdinal((string)i!["date"]!, cut) <= 0 && (bool)i["status"]!["isClosed"]!).Select(i => (int)i!["id"]!).ToList();
        Assert.Equal(expected, closed.Select(i => (int)i!["id"]!).ToList());
        Assert.DoesNotContain(70003, closed.Select(i => (int)i!["id"]!));
    }

    [Fact]
    public async Task Conditions_support_in_like_not_equal_and_or_with_parentheses()
    {
        var inList = await _sandbox.ListAsync($"finance/invoices?conditions={Q("id in (70001, 70005, 70009)")}");
        var like = await _sandbox.ListAsync($"finance/invoices?pageSize=100&conditions={Q("invoiceNumber like \"INV-1000%\"")}");
        var orGroup = await _sandbox.ListAsync($"finance/invoices?conditions={Q("(id = 70001 or id = 70002) and id != 70002")}");
        var compare = await _sandbox.ListAsync($"finance/invoices?pageSize=100&conditions={Q("id > 70050 and id <= 70052")}");

        Assert.Equal([70001, 70005, 70009], inList.Select(i => (int)i!["id"]!));
        Assert.Equal(9, like.Count);
        Assert.Equal([70001], orGroup.Select(i => (int)i!["id"]!));
        Assert.Equal([70051, 70052], compare.Select(i => (int)i!["id"]!));
    }

    [Fact]
    public async Task Bad_conditions_answer_400_with_the_error_body()
    {
        var (response, body) = await _sandbox.CallAsync(_sandbox.ApiRequest(HttpMethod.Get, $"finance/invoices?conditions={Q("date <= [not-a-date]")}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidObject", (string)body!["code"]!);
        Assert.NotNull(body["message"]);
        Assert.IsType<JsonArray>(body["errors"]);
    }

    [Fact]
    public async Task Page_size_defaults_to_25_and_is_capped_at_1000_with_navigable_links()
    {
        var (first, firstBody) = await _sandbox.CallAsync(_sandbox.ApiRequest(HttpMethod.Get, "finance/invoices"));
        var (capped, cappedBody) = await _sandbox.CallAsync(_sandbox.ApiRequest(HttpMethod.Get, "finance/invoices?pageSize=5000"));

        Assert.Equal(25, firstBody!.AsArray().Count);
        var link = string.Join(",", first.Headers.GetValues("Link"));
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=2", link, StringComparison.Ordinal);
        Assert.Contains("rel=\"last\"", link, StringComparison.Ordinal);
        Assert.Equal(60, cappedBody!.AsArray().Count);
        Assert.False(capped.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Forward_only_paging_walks_by_page_id_and_keeps_conditions()
    {
        var seen = new List<int>();
        var url = $"finance/invoices?pageSize=20&conditions={Q("status/isClosed = true")}";
        Uri? next = new(_sandbox.ApiBase, url);
        var pages = 0;
        while (next is not null)
        {
            var request = _sandbox.ApiRequest(HttpMethod.Get, next.PathAndQuery[(next.PathAndQuery.IndexOf("finance", StringComparison.Ordinal))..]);
            request.Headers.TryAddWithoutValidation("pagination-type", "forward-only");
            var (response, body) = await _sandbox.CallAsync(request);
            seen.AddRange(body!.AsArray().Select(i => (int)i!["id"]!));
            pages++;
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.SelectMany(l => l.Split(',')).Where(l => l.Contains("rel=\"next\"", StringComparison.Ordinal)).Select(l => new Uri(l.Split(';')[0].Trim().Trim('<', '>'))).FirstOrDefault()
                : null;
            Assert.True(next is null || next.Query.Contains("pageId=", StringComparison.Ordinal));
            Assert.True(next is null || next.Query.Contains("conditions=", StringComparison.Ordinal));
        }

        Assert.Equal(3, pages);
        Assert.Equal(59, seen.Count);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task Requests_without_clientId_or_with_a_wrong_key_are_refused()
    {
        var (noClient, body) = await _sandbox.CallAsync(_sandbox.ApiRequest(HttpMethod.Get, "finance/invoices", clientId: false));
        var (wrongKey, _) = await _sandbox.CallAsync(_sandbox.ApiRequest(HttpMethod.Get, "finance/invoices", privateKey: "nope"));

        Assert.Equal(HttpStatusCode.Unauthorized, noClient.StatusCode);
        Assert.Contains("clientId", (string)body!["message"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_batch_unposts_its_invoices()
    {
        var post = _sandbox.ApiRequest(HttpMethod.Post, "finance/accounting/batches");
        post.Content = new StringContent("""{"batchIdentifier":"raw-1","exportInvoicesFlag":true,"processedRecordIds":[70010000,70010001]}""", System.Text.Encoding.UTF8, "application/json");
        var (created, export) = await _sandbox.CallAsync(post);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("INV-10010", (string)export!["transactions"]![0]!["documentNumber"]!);
        var batches = await _sandbox.ListAsync("finance/accounting/batches?conditions=" + Q("batchIdentifier = \"raw-1\""));
        var id = (int)Assert.Single(batches)!["id"]!;
        Assert.Empty(await _sandbox.ListAsync("finance/accounting/unpostedinvoices?conditions=billingLogId=70010"));

        var (deleted, _) = await _sandbox.CallAsync(_sandbox.ApiRequest(HttpMethod.Delete, $"finance/accounting/batches/{id}"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single(await _sandbox.ListAsync("finance/accounting/unpostedinvoices?conditions=billingLogId=70010"));
        var duplicate = _sandbox.ApiRequest(HttpMethod.Post, "finance/accounting/batches");
        duplicate.Content = new StringContent("""{"batchIdentifier":"raw-1","exportInvoicesFlag":true,"processedRecordIds":[70010000]}""", System.Text.Encoding.UTF8, "application/json");
        var (again, _) = await _sandbox.CallAsync(duplicate);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var reuse = _sandbox.ApiRequest(HttpMethod.Post, "finance/accounting/batches");
        reuse.Content = new StringContent("""{"batchIdentifier":"raw-1","exportInvoicesFlag":true,"processedRecordIds":[70011000]}""", System.Text.Encoding.UTF8, "application/json");
        var (refused, error) = await _sandbox.CallAsync(reuse);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("batchIdentifier", (string)error!["errors"]![0]!["field"]!);
    }
}
