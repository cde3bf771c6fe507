using System.Net;
using System.Text.Json;
using WiseSync.Sandbox.Xero;

namespace WiseSync.Sandbox.Tests;

/// <summary>The Xero emulator's answers that follow what Xero was seen to send (issue 16).</summary>
public sealed class XeroVendorFidelityTests
{
    private const string LargeOrganisation = """
        { "referenceDate": "2026-11-20", "companies": [], "contacts": [], "invoices": [],
          "problems": [ { "kind": "highVolume", "vendor": "xero" } ] }
        """;

    [Fact]
    public async Task Seeded_large_organisation_refuses_a_contact_number_filter_with_high_volume_exception()
    {
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { Companies = 2, Invoices = 2 });
        var (access, _) = await sandbox.XeroTokensAsync();
        using (var seeded = await sandbox.PostJsonAsync("_sandbox/seed", LargeOrganisation))
        {
            Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        }

        using var refused = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Contacts?where=" + Uri.EscapeDataString("ContactNumber==\"1\""), access));
        using var byName = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Contacts?where=" + Uri.EscapeDataString("Name==\"A\""), access));
        using var reset = await sandbox.Http.PostAsync("_sandbox/reset", null);
        using var afterReset = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Contacts?where=" + Uri.EscapeDataString("ContactNumber==\"1\""), access));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(51, body.GetProperty("ErrorNumber").GetInt32());
        Assert.Equal("HighVolumeException", body.GetProperty("Type").GetString());
        Assert.StartsWith("Your request is not filtering Contacts efficiently", body.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }

    [Fact]
    public void Rate_limit_problems_are_named_in_lower_case_as_xero_sends_them()
    {
        Assert.Equal(["minute", "day", "appminute"], XeroEmulator.Policy.Windows.Select(w => w.Name));
        Assert.Equal("concurrent", XeroEmulator.ConcurrentProblem);
    }
}
