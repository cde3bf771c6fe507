using WiseSync.Auth;
using WiseSync.Http;

namespace WiseSync.Tests.Http;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Registered_secrets_are_masked_longest_first()
    {
        var redactor = new SecretRedactor();
        redactor.AddSecret("token-abc");
        redactor.AddSecret("token-abc-def");
        Assert.Equal("a *** b ***", redactor.Redact("a token-abc-def b token-abc"));
    }

    [Fact]
    public void Secret_headers_are_masked_whole()
    {
        var redactor = new SecretRedactor();
        redactor.AddSecretHeader("Secret");
        var text = redactor.RedactHeaders([new("Authorization", ["Bearer abc"]), new("Secret", ["hunter2"]), new("Accept", ["application/json"])]);
        Assert.Contains("Authorization: ***", text, StringComparison.Ordinal);
        Assert.Contains("Secret: ***", text, StringComparison.Ordinal);
        Assert.Contains("Accept: application/json", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_shows_no_secret()
    {
        var options = new OAuth2ClientOptions
        {
            TokenEndpoint = new Uri("https://identity.example/connect/token"),
            ClientId = "client-id-1",
            ClientSecret = "client-secret-value",
            InitialRefreshToken = "initial-refresh-value",
        };
        var text = options.ToString();
        Assert.DoesNotContain("client-secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("initial-refresh-value", text, StringComparison.Ordinal);
        Assert.Contains("client-id-1", text, StringComparison.Ordinal);
    }
}
