using System.Text.Json.Nodes;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Tax;

/// <summary>
/// Companies outside the US that use VAT/GST need a TaxCodeRef on every line (QBO error 6000 otherwise): the sink reads the
/// company's country and tax codes once per run and maps each line's tax to one of them, or refuses the document by name.
/// </summary>
public sealed class VatCompanyTests
{
    [Fact]
    public async Task Lines_of_a_vat_company_get_the_tax_code_named_by_the_line_and_the_invoice_is_accepted()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.SeedCompanyAsync("GB");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var draft = Drafts.Invoice("1", "INV-1", customer, 100m, 20m) with
        {
            Lines = [new AccountingLine("Managed services", 1m, 100m, 100m, 20m) { TaxCode = "20.0% S" }],
        };

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([draft]));

        Assert.True(result.Succeeded, result.Error);
        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Equal("3", stored["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.ToString());
        Assert.Equal(120m, stored["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_line_without_a_tax_code_takes_the_configured_default_given_by_name()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.DefaultTaxCode = "exempt");
        await qbo.SeedCompanyAsync("GB");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Warnings);
        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Equal("6", stored["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.ToString());
    }

    [Fact]
    public async Task A_tax_code_the_company_does_not_have_takes_the_default_with_a_warning()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.DefaultTaxCode = "3");
        await qbo.SeedCompanyAsync("GB");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var draft = Drafts.Invoice("1", "INV-1", customer) with { Lines = [new AccountingLine("Support", 1m, 100m, 100m, 0m) { TaxCode = "Standard Rate" }] };

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([draft]));

        Assert.True(result.Succeeded, result.Error);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'Standard Rate'", warning, StringComparison.Ordinal);
        Assert.Contains("WiseSyncOptions.Lines.TaxCodes", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_tax_code_the_invoice_is_red_naming_the_settings_and_nothing_is_sent()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.SeedCompanyAsync("GB");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var batches = await qbo.RouteCallsAsync("POST /batch");

        var results = await qbo.Sink.UpsertInvoicesAsync([
            Drafts.Invoice("1", "INV-1", customer),
            Drafts.Invoice("2", "INV-2", customer) with { Lines = [new AccountingLine("Support", 1m, 100m, 100m, 0m) { TaxCode = "20.0% S" }] },
        ]);

        Assert.False(results[0].Succeeded);
        Assert.Contains("GB", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("Preferences.TaxPrefs.UsingSalesTax", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("QuickBooksOptions.DefaultTaxCode", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("WiseSyncOptions.Lines.TaxCodes", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("20.0% S (3)", results[0].Error, StringComparison.Ordinal);
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.Equal(batches + 1, await qbo.RouteCallsAsync("POST /batch"));
        Assert.Single(await qbo.StateAsync("invoices", "Invoice"));
    }

    [Fact]
    public async Task A_default_tax_code_the_company_does_not_have_is_named_in_the_error()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.DefaultTaxCode = "TAX");
        await qbo.SeedCompanyAsync("AU");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer)]));

        Assert.Contains("QuickBooksOptions.DefaultTaxCode 'TAX'", result.Error, StringComparison.Ordinal);
        Assert.Contains("GST (10)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automated_sales_tax_set_for_a_company_outside_the_us_is_red_before_sending()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.AutomatedSalesTax = true);
        await qbo.SeedCompanyAsync("CA");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, tax: 5m)]));

        Assert.Contains("AutomatedSalesTax", result.Error, StringComparison.Ordinal);
        Assert.Contains("CA", result.Error, StringComparison.Ordinal);
        Assert.Empty(await qbo.StateAsync("invoices", "Invoice"));
    }

    [Fact]
    public async Task A_company_outside_the_us_without_sales_tax_gets_no_tax_codes_and_a_warning_for_the_psa_tax()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.SeedCompanyAsync("GB", usingSalesTax: false);
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 100m, 20m)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(result.Warnings, w => w.Contains("UsingSalesTax is false", StringComparison.Ordinal));
        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Null(stored["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"]);
        Assert.Equal(100m, stored["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_company_is_read_once_for_all_chunks_of_a_run()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.DefaultTaxCode = "3");
        await qbo.SeedCompanyAsync("GB");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        foreach (var i in Enumerable.Range(1, 3))
        {
            Assert.True(Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice($"{i}", $"INV-{i}", customer)])).Succeeded);
        }

        Assert.Equal(1, await qbo.RouteCallsAsync("GET /companyinfo/{id}"));
        var queries = (await qbo.RecordedRequestsAsync()).Select(r => (string?)r!["query"] ?? string.Empty).ToList();
        Assert.Single(queries, q => q.Contains("Preferences", StringComparison.Ordinal));
        Assert.Single(queries, q => q.Contains("TaxCode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_per_invoice_error_names_the_intuit_tid_of_the_answer()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", "999")]));

        Assert.Contains("Invalid Reference Id", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"\[intuit_tid 1-[0-9a-f]{8}-[0-9a-f]{24}\]", result.Error);
    }
}
