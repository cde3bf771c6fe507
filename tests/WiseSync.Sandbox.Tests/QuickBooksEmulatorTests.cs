using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

/// <summary>What the QuickBooks emulator answers as Intuit does: its 401, its intuit_tid header, its company outside the US.</summary>
public sealed class QuickBooksEmulatorTests
{
    private const string Company = "quickbooks/v3/company/9130000000000001/";

    [Fact]
    public async Task QuickBooks_401_has_lower_case_keys_a_numeric_time_and_a_bearer_challenge()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var response = await sandbox.Http.GetAsync(Company + "companyinfo/9130000000000001");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"Intuit\", error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("time").ValueKind);
        Assert.Equal("AUTHENTICATION", body.GetProperty("fault").GetProperty("type").GetString());
        Assert.Equal("3200", body.GetProperty("fault").GetProperty("error")[0].GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("Fault", out _));
    }

    [Fact]
    public async Task Every_QuickBooks_answer_carries_its_own_intuit_tid()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var token = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, Company + "query?query=" + Uri.EscapeDataString("select * from Customer"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);

        using var answer = await sandbox.Http.SendAsync(request);
        using var refused = await sandbox.Http.GetAsync(Company + "query");

        string[] tids = [Tid(token), Tid(answer), Tid(refused)];
        Assert.All(tids, tid => Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", tid));
        Assert.Equal(3, tids.Distinct().Count());
    }

    [Fact]
    public async Task A_seeded_company_outside_the_us_states_its_country_tax_settings_and_tax_codes()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var seeded = await sandbox.PostJsonAsync("_sandbox/seed",
            """{"problems":[{"kind":"company","vendor":"quickbooks","data":{"country":"AU","taxCodes":[{"id":"21","name":"GST","rate":10},{"id":"22","name":"GST free","rate":0}]}}]}""");
        seeded.EnsureSuccessStatusCode();
        using var token = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();

        async Task<JsonElement> Get(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Company + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
            using var response = await sandbox.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var info = await Get("companyinfo/9130000000000001");
        var preferences = await Get("query?query=" + Uri.EscapeDataString("select * from Preferences"));
        var codes = await Get("query?query=" + Uri.EscapeDataString("select * from TaxCode"));

        Assert.Equal("AU", info.GetProperty("CompanyInfo").GetProperty("Country").GetString());
        var taxPrefs = preferences.GetProperty("QueryResponse").GetProperty("Preferences")[0].GetProperty("TaxPrefs");
        Assert.True(taxPrefs.GetProperty("UsingSalesTax").GetBoolean());
        Assert.False(taxPrefs.TryGetProperty("PartnerTaxEnabled", out _));
        Assert.Equal(["21", "22"], codes.GetProperty("QueryResponse").GetProperty("TaxCode").EnumerateArray().Select(c => c.GetProperty("Id").GetString()));
        Assert.Equal("AU", (await sandbox.GetJsonAsync("_sandbox/state/quickbooks/companyinfo")).GetProperty("CompanyInfo").GetProperty("Country").GetString());
    }

    [Fact]
    public async Task The_default_company_is_in_the_us_and_not_on_automated_sales_tax()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        var info = await sandbox.GetJsonAsync("_sandbox/state/quickbooks/companyinfo");

        Assert.Equal("US", info.GetProperty("CompanyInfo").GetProperty("Country").GetString());
        Assert.Equal("WiseSync Sandbox Inc.", info.GetProperty("CompanyInfo").GetProperty("CompanyName").GetString());
    }

    private static string Tid(HttpResponseMessage response) =>
        response.Headers.TryGetValues("intuit_tid", out var values) ? values.Single() : "missing";
}
