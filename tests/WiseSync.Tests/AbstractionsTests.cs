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
}
