using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using WiseSync.ConnectWise.Tests.Infrastructure;

namespace WiseSync.ConnectWise.Tests;

public sealed class PendingInvoicesTests
{
    private static readonly LocalDate FarThru = new(2027, 12, 31);

    [Fact]
    public async Task Pending_lists_every_unposted_closed_invoice_up_to_the_thru_date()
    {
        await using var sandbox = await CwSandbox.StartAsync();
        var dataset = await sandbox.DatasetAsync();
        var dates = ((JsonArray)dataset["invoices"]!).Select(i => (Id: (string)i!["id"]!.ToString(), Date: DateOnly.Parse((string)i["date"]!, CultureInfo.InvariantCulture))).ToList();
        var thruDate = dates.Select(d => d.Date).Order().ElementAt(dates.Count / 2);
        var thru = new LocalDate(thruDate.Year, thruDate.Month, thruDate.Day);

        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(thru)));

        var expected = dates.Where(d => d.Date <= thruDate).Select(d => d.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < dates.Count, "the thru date must cut the set for the test to mean something");
        Assert.Equal(expected, listed.Select(i => i.Id).Order().ToList());
        Assert.All(listed, i => Assert.True(i.InvoiceDate <= thru));
    }

    [Fact]
    public async Task Open_invoice_is_not_pending_until_it_is_closed()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 30, problems: [new { kind = "openInvoice", vendor = "connectwise", invoiceId = FirstInvoiceId }]);
        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        Assert.Equal(29, listed.Count);
        Assert.DoesNotContain(listed, i => i.Id == FirstInvoiceId.ToString(CultureInfo.InvariantCulture));
        // The emulator still has it, open: the source filtered it by status, not by accident.
        var state = await sandbox.StateAsync("invoices");
        var open = state.Single(i => (int)i!["id"]! == FirstInvoiceId)!;
        Assert.False((bool)open["status"]!["isClosed"]!);
    }

    [Fact]
    public async Task Listing_250_invoices_takes_five_calls()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 250, companies: 40);
        var (before, _) = await sandbox.StatsAsync();

        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        var (after, byRoute) = await sandbox.StatsAsync();
        Assert.Equal(250, listed.Count);
        // unposted invoices + invoices (id in …) + GL export + companies + contacts.
        Assert.Equal(5, after - before);
        Assert.Equal(1, (int)byRoute["GET /finance/accounting/unpostedinvoices"]!);
        Assert.Equal(1, (int)byRoute["POST /finance/accounting/export"]!);
    }

    [Fact]
    public async Task Small_pages_follow_the_forward_only_links_and_keep_the_conditions()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 45);
        var source = sandbox.Source(o => { o.PageSize = 10; o.IdsPerQuery = 1000; });

        var listed = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        Assert.Equal(45, listed.Count);
        Assert.Equal(45, listed.Select(i => i.Id).Distinct().Count());
        var pages = (await sandbox.RequestsAsync()).Select(r => r!.AsObject())
            .Where(r => (string)r["path"]! == "/connectwise/v4_6_release/apis/3.0/finance/accounting/unpostedinvoices")
            .ToList();
        Assert.Equal(5, pages.Count);
        Assert.All(pages, p => Assert.Contains("conditions=", (string)p["query"]!, StringComparison.Ordinal));
        Assert.All(pages.Skip(1), p => Assert.Contains("pageId=", (string)p["query"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lines_come_from_the_GL_export_and_add_up_to_the_invoice()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 40);
        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        Assert.All(listed, i =>
        {
            Assert.NotEmpty(i.Lines);
            Assert.Equal(i.Subtotal, i.Lines.Sum(l => l.Amount));
            Assert.Equal(i.TaxTotal, i.Lines.Sum(l => l.Tax));
            Assert.All(i.Lines, l => Assert.Contains(l.GlCode, new[] { "4000", "4100", "4200" }));
        });
        Assert.Contains(listed, i => i.Lines.Any(l => l.Kind == "Time"));
        Assert.Contains(listed, i => i.TaxTotal > 0m);
    }

    [Fact]
    public async Task Invoice_fields_map_from_ConnectWise()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 20);
        var dataset = await sandbox.DatasetAsync();
        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        var first = listed.Single(i => i.Id == FirstInvoiceId.ToString(CultureInfo.InvariantCulture));
        var source = ((JsonArray)dataset["invoices"]!).Single(i => (int)i!["id"]! == FirstInvoiceId)!;
        var company = ((JsonArray)dataset["companies"]!).Single(c => (int)c!["id"]! == (int)source["companyId"]!)!;
        Assert.Equal((string)source["number"]!, first.Number);
        Assert.Equal((string)source["date"]!, first.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal((string)source["dueDate"]!, first.DueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal((decimal)source["total"]!, first.Total);
        Assert.Equal((string)company["name"]!, first.Company.Name);
        Assert.Equal(company["id"]!.ToString(), first.Company.Id);
        Assert.NotNull(first.Terms);
        Assert.Null(first.SyncedMark);
    }

    [Fact]
    public async Task Location_filter_lists_only_that_location()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 60);
        var all = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));
        var projects = await ToListAsync(sandbox.Source(o => o.LocationId = 2).GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));
        var byDivision = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru) { Division = "Projects" }));

        Assert.NotEmpty(projects);
        Assert.True(projects.Count < all.Count);
        Assert.All(projects, i => Assert.Equal("Projects", i.Division));
        Assert.Equal(all.Count(i => i.Division == "Projects"), projects.Count);
        Assert.Equal(projects.Select(i => i.Id), byDivision.Select(i => i.Id));
    }

    [Fact]
    public async Task Raw_invoice_is_the_ConnectWise_JSON()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        var raw = await sandbox.Source().GetRawInvoiceAsync(FirstInvoiceId.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("application/json", raw.ContentType);
        var json = JsonNode.Parse(raw.Content)!;
        Assert.Equal(FirstInvoiceId, (int)json["id"]!);
        Assert.True((bool)json["status"]!["isClosed"]!);
    }

    [Fact]
    public async Task Connection_test_succeeds_with_the_sandbox_keys_and_fails_without()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        var ok = await sandbox.Source().TestConnectionAsync();
        var bad = await sandbox.Source(o => o.PrivateKey = "wrong", name: "bad").TestConnectionAsync();

        Assert.True(ok.Succeeded, ok.Message);
        Assert.Contains("5 invoices", ok.Message, StringComparison.Ordinal);
        Assert.False(bad.Succeeded);
        Assert.False(bad.IsTransient, "refused keys are a settings problem, not a passing one");
        Assert.Contains("401", bad.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_of_an_unavailable_ConnectWise_fails_as_transient_after_the_retries()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        // No count: the fault outlasts every retry; Retry-After: 0 lets the retries run at once.
        var fault = new { vendor = "connectwise", status = 503, retryAfterSeconds = 0 };
        using (var r = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(sandbox.Admin, "_sandbox/faults", fault))
        {
            Assert.True(r.IsSuccessStatusCode);
        }

        var result = await sandbox.Source().TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
        var (requests, _) = await sandbox.StatsAsync();
        Assert.Equal(5, requests);
    }

    [Fact]
    public async Task Throttled_answers_are_retried_through_the_plumbing()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10);
        var fault = new { rules = new[] { new { vendor = "connectwise", method = "GET", pathContains = "/unpostedinvoices", status = 429, retryAfterSeconds = 1, count = 2 } } };
        using (var r = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(sandbox.Admin, "_sandbox/faults", fault))
        {
            Assert.True(r.IsSuccessStatusCode);
        }

        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        Assert.Equal(10, listed.Count);
        var (_, byRoute) = await sandbox.StatsAsync();
        Assert.Equal(3, (int)byRoute["GET /finance/accounting/unpostedinvoices"]!);
    }

    internal const int FirstInvoiceId = 70001;

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
