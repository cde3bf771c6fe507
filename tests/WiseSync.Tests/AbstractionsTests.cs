using NodaTime;

namespace WiseSync.Tests;

public sealed class AbstractionsTests
{
    [Fact]
    public void Token_set_ToString_never_shows_a_token()
    {
        var tokens = new OAuthTokens("access-secret-value", "refresh-secret-value", Instant.FromUtc(2026, 11, 21, 0, 0));
        var text = tokens.ToString();
        Assert.DoesNotContain("access-secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-secret-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_invoice_becomes_a_credit_note()
    {
        var invoice = new PsaInvoice("1", "INV-1", new PsaCompanyRef("c1", "Acme"), new LocalDate(2026, 11, 1), null, null, "USD", [], -10m, 0m, -10m, []);
        Assert.Equal(DocumentKind.CreditNote, invoice.DocumentKind);
    }

    [Theory]
    [InlineData("https://go.xero.com/app/!sNdBx/invoicing/view/0ebe018d-d3d3-4e76-b8e0-701e02cf3e0f")]
    [InlineData("https://app.qbo.intuit.com/app/invoice?txnId=130&companyId=9130000000000001")]
    [InlineData("invoices/130")]
    public void A_result_gives_back_the_accounting_link_it_was_given(string link)
    {
        var given = new Uri(link, UriKind.RelativeOrAbsolute);
        _ = given.ToString();
        var result = new InvoiceSyncResult("1", "INV-1", SyncStatus.Success, []) { AccountingUrl = given };

        Assert.Equal(given, result.AccountingUrl);
        Assert.Equal(link, result.AccountingUrl!.OriginalString);
        Assert.Equal(result, result with { });
        Assert.Equal(result, new InvoiceSyncResult("1", "INV-1", SyncStatus.Success, result.Messages) { AccountingUrl = new Uri(link, UriKind.RelativeOrAbsolute) });
        Assert.NotEqual(result, result with { AccountingUrl = new Uri("https://example.com/other") });
        Assert.Null((result with { AccountingUrl = null }).AccountingUrl);
    }
}
