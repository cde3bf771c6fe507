using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WiseSync.Autotask.Tests;

public sealed class DocumentAndConnectionTests
{
    [Fact]
    public async Task Raw_invoice_is_the_invoice_markup_xml()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();

        var document = await source.GetRawInvoiceAsync("70001");

        Assert.Equal("application/xml", document.ContentType);
        var xml = System.Xml.Linq.XDocument.Parse(document.Content);
        Assert.Equal("INV-10001", xml.Descendants("invoice_number").Single().Value);
        Assert.NotEmpty(xml.Descendants("line_item"));
        Assert.Equal(1, (await sandbox.StatsAsync()).Route("GET /Invoices/{id}/InvoiceMarkupXml"));
    }

    [Fact]
    public async Task Markup_with_a_DTD_is_returned_as_text_without_expanding_its_entities()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        const string Markup = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><invoice>&lol2;</invoice>";
        await sandbox.SeedAsync(new { generate = new { }, problems = new[] { new { kind = "markup", invoiceId = 70002, note = Markup } } });
        var source = sandbox.CreateSource();

        var document = await source.GetRawInvoiceAsync("70002");

        Assert.Equal(Markup, document.Content);
        Assert.DoesNotContain("lollol", document.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_succeeds_with_the_sandbox_credentials()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();

        var result = await source.TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("20 companies", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_fails_with_a_wrong_secret_and_never_shows_it()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(o => o.Secret = "wrong-secret-value");

        var result = await source.TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient, "a refused secret is a settings problem, not a passing one");
        Assert.Contains("401", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_of_an_unavailable_Autotask_fails_as_transient_after_the_retries()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        // No count: the fault outlasts every retry; Retry-After: 0 lets the retries run at once.
        using var fault = await sandbox.Admin.PostAsync("_sandbox/faults", System.Net.Http.Json.JsonContent.Create(new
        {
            rules = new[] { new { vendor = "autotask", pathContains = "/Companies", status = 503, retryAfterSeconds = 0 } },
        }));
        Assert.True(fault.IsSuccessStatusCode);
        var source = sandbox.CreateSource();

        var result = await source.TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
        Assert.Equal(5, (await sandbox.StatsAsync()).Route("POST /Companies/query/count"));
    }

    [Fact]
    public async Task Connection_test_names_the_user_when_no_zone_is_found()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(o => o.UserName = "nobody@example.com");

        var result = await source.TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient, "Autotask answers an unknown user with 500, which is a settings problem here");
        Assert.Contains("nobody@example.com", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_fail_at_start_naming_each_setting()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var provider = sandbox.CreateProvider(o =>
        {
            o.UserName = "";
            o.Secret = "";
            o.ApiBudgetShare = 1.5;
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IPsaSource>("default"));

        Assert.Contains("Autotask:UserName", error.Message, StringComparison.Ordinal);
        Assert.Contains("Autotask:Secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("Autotask:ApiBudgetShare", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Autotask:IntegrationCode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_never_shows_the_secret()
    {
        var options = new AutotaskOptions { UserName = "api@x.example", Secret = "top-secret-value", IntegrationCode = "CODE-123" };

        Assert.DoesNotContain("top-secret-value", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CODE-123", options.ToString(), StringComparison.Ordinal);
    }
}
