using NodaTime;

namespace WiseSync.Autotask.Tests;

public sealed class ListingTests
{
    private static readonly LocalDate Thru = new(2026, 11, 20);

    [Fact]
    public async Task Listing_pages_across_three_pages_by_POSTing_nextPageUrl_and_never_GETs_a_query()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync(companies: 30, invoices: 1203);
        var source = sandbox.CreateSource();

        var invoices = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        Assert.Equal(1203, invoices.Count);
        Assert.Equal(invoices.Count, invoices.Select(i => i.Id).Distinct().Count());
        var stats = await sandbox.StatsAsync();
        Assert.Equal(1, stats.Route("POST /Invoices/query"));
        Assert.Equal(2, stats.Route("POST /Invoices/query/next"));
        Assert.DoesNotContain(stats.ByRoute.Keys, k => k.StartsWith("GET /", StringComparison.Ordinal) && k.Contains("/query", StringComparison.Ordinal));
        Assert.DoesNotContain(stats.ByRoute.Keys, k => k.StartsWith("PUT ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zone_is_looked_up_once_and_cached_across_listings()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();

        await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));
        await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        var stats = await sandbox.StatsAsync();
        Assert.Equal(1, stats.Route("GET /zoneInformation"));
        Assert.Equal(2, stats.Route("POST /Invoices/query"));
    }

    [Fact]
    public async Task Configured_zone_url_skips_the_lookup()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(o => o.ZoneUrl = sandbox.Server.Credentials.Autotask.BaseUrl);

        Assert.NotEmpty(await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru)));

        Assert.Equal(0, (await sandbox.StatsAsync()).Route("GET /zoneInformation"));
    }

    [Fact]
    public async Task Thousand_invoices_of_five_lines_across_forty_companies_cost_at_most_forty_calls()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync(companies: 40, invoices: 0);
        await sandbox.SeedAsync(new
        {
            generate = new { companies = 40, invoices = 0 },
            invoices = Enumerable.Range(0, 1000).Select(i => new
            {
                id = 80001 + i,
                number = $"AT-{80001 + i}",
                companyId = 101 + (i % 40),
                date = new DateOnly(2026, 10, 1).AddDays(i % 50).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                dueDate = "2026-12-31",
                paymentTermId = 1 + (i % 4),
                divisionId = 1 + (i % 3),
                taxRateId = 2,
                subtotal = 500m,
                tax = 0m,
                total = 500m,
                recipients = Array.Empty<object>(),
                lines = Enumerable.Range(0, 5).Select(l => new
                {
                    id = 1_000_000 + (i * 5) + l,
                    kind = l == 4 ? "Product" : "Service",
                    description = $"Line {l + 1}",
                    itemCode = l == 4 ? "LAP-14" : null,
                    quantity = 1m,
                    unitPrice = 100m,
                    amount = 100m,
                }),
            }),
        });
        var before = await sandbox.StatsAsync();
        var source = sandbox.CreateSource();

        var invoices = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        var calls = (await sandbox.StatsAsync()).Requests - before.Requests;
        Console.WriteLine($"AUTOTASK-CALLS 1000 invoices x 5 lines, 40 companies: {calls} calls");
        Assert.Equal(1000, invoices.Count);
        Assert.All(invoices, i => Assert.Equal(5, i.Lines.Count));
        Assert.Equal(40, invoices.Select(i => i.Company.Id).Distinct().Count());
        Assert.True(calls <= 40, $"listing cost {calls} Autotask calls");
    }

    [Fact]
    public async Task Already_synced_invoices_are_excluded_unless_asked_for()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        await sandbox.SeedAsync(new { generate = new { }, problems = new[] { new { kind = "already-synced", invoiceId = 70003 } } });
        var source = sandbox.CreateSource();

        var unsynced = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));
        var all = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru) { IncludeAlreadySynced = true });

        Assert.DoesNotContain(unsynced, i => i.Id == "70003");
        var synced = Assert.Single(all, i => i.Id == "70003");
        Assert.NotNull(synced.SyncedMark);
        Assert.Equal(unsynced.Count + 1, all.Count);
    }

    [Fact]
    public async Task Voided_invoices_are_excluded_unless_asked_for_by_id()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        await sandbox.SeedAsync(new { generate = new { }, problems = new[] { new { kind = "voided", invoiceId = 70005 } } });
        var source = sandbox.CreateSource();

        var listed = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));
        var asked = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru) { InvoiceIds = ["70005", "70006"] });

        Assert.Equal(99, listed.Count);
        Assert.DoesNotContain(listed, i => i.Id == "70005");
        Assert.True(Assert.Single(asked, i => i.Id == "70005").IsVoided);
        Assert.Equal(["70005", "70006"], asked.Select(i => i.Id));
    }

    [Fact]
    public async Task Thru_date_and_from_date_bound_the_invoice_dates()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();
        var all = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));
        var from = new LocalDate(2026, 10, 10);
        var thru = new LocalDate(2026, 11, 1);

        var window = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(thru) { FromDate = from });

        var expected = all.Where(i => i.InvoiceDate >= from && i.InvoiceDate <= thru).Select(i => i.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count);
        Assert.Equal(expected, window.Select(i => i.Id));
    }

    [Fact]
    public async Task Division_filter_keeps_only_invoices_of_that_line_of_business()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();
        var all = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        var projects = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru) { Division = "projects" });

        Assert.NotEmpty(projects);
        Assert.All(projects, i => Assert.Equal("Projects", i.Division));
        Assert.Equal(all.Count(i => i.Division == "Projects"), projects.Count);
        Assert.Contains(all, i => i.Division is not null && i.Division != "Projects");
    }

    [Fact]
    public async Task Invoices_match_the_dataset_in_amounts_lines_terms_and_company()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var dataset = await sandbox.DatasetAsync();
        var source = sandbox.CreateSource();

        var invoices = (await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru))).ToDictionary(i => i.Id);

        foreach (var expected in dataset["invoices"]!.AsArray())
        {
            var invoice = invoices[((int)expected!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal((string)expected["number"]!, invoice.Number);
            Assert.Equal((decimal)expected["total"]!, invoice.Total);
            Assert.Equal((decimal)expected["subtotal"]!, invoice.Subtotal);
            Assert.Equal((decimal)expected["tax"]!, invoice.TaxTotal);
            Assert.Equal(LocalDate.FromDateOnly(DateOnly.Parse((string)expected["date"]!, System.Globalization.CultureInfo.InvariantCulture)), invoice.InvoiceDate);
            Assert.Equal(LocalDate.FromDateOnly(DateOnly.Parse((string)expected["dueDate"]!, System.Globalization.CultureInfo.InvariantCulture)), invoice.DueDate);
            Assert.Equal(((int)expected["companyId"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), invoice.Company.Id);
            Assert.Equal(((int)expected["paymentTermId"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), invoice.Terms?.Id);
            Assert.Equal(expected["lines"]!.AsArray().Select(l => (string)l!["description"]!), invoice.Lines.Select(l => l.Description));
            Assert.Equal(expected["lines"]!.AsArray().Select(l => (bool?)l!["billable"] ?? true), invoice.Lines.Select(l => l.Billable));
            Assert.Equal((string?)expected["purchaseOrderNumber"], invoice.PurchaseOrderNumber);
        }

        var product = invoices.Values.SelectMany(i => i.Lines).First(l => l.Kind == "LAP-14" || l.ItemCode == "LAP-14");
        Assert.Equal("4100", product.GlCode);
        Assert.Contains(invoices.Values.SelectMany(i => i.Lines), l => l.TaxCode == "Taxable");
    }
}
