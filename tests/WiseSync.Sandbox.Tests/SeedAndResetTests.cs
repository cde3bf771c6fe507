using System.Net;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

public sealed class SeedAndResetTests
{
    private const string Scenario = """
        {
          "referenceDate": "2026-11-20",
          "companies": [ { "id": 1, "name": "Problem Co", "accountNumber": "P-1", "paymentTermId": 3, "taxRateId": 1 } ],
          "contacts": [ { "id": 10, "companyId": 1, "firstName": "Pat", "lastName": "Lee", "email": "pat@problem.example", "isPrimary": true } ],
          "invoices": [ {
            "id": 500, "number": "BAD-1", "companyId": 1, "date": "2026-11-01", "dueDate": "2026-12-01", "paymentTermId": 3, "taxRateId": 1,
            "subtotal": 100, "tax": 0, "total": 999,
            "lines": [ { "id": 1, "kind": "Service", "description": "Work", "quantity": 1, "unitPrice": 100, "amount": 100 } ],
            "recipients": [ { "contactId": 10, "email": "pat@problem.example" }, { "email": "someone@else.example" } ]
          } ],
          "problems": [ { "kind": "totalMismatch", "invoiceId": 500 } ]
        }
        """;

    [Fact]
    public async Task A_seed_document_replaces_the_data_and_reset_brings_back_the_generated_data()
    {
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { Companies = 5, Invoices = 12 });

        using var seeded = await sandbox.PostJsonAsync("_sandbox/seed", Scenario);
        var afterSeed = await sandbox.GetJsonAsync("_sandbox/dataset");
        using var reset = await sandbox.Http.PostAsync("_sandbox/reset", null);
        var afterReset = await sandbox.GetJsonAsync("_sandbox/dataset");

        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        Assert.Equal("BAD-1", Assert.Single(afterSeed.GetProperty("invoices").EnumerateArray()).GetProperty("number").GetString());
        Assert.Equal(999, afterSeed.GetProperty("invoices")[0].GetProperty("total").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(12, afterReset.GetProperty("invoices").GetArrayLength());
        Assert.Equal(5, afterReset.GetProperty("companies").GetArrayLength());
    }

    [Fact]
    public async Task A_seed_on_top_of_generated_data_replaces_by_id_and_adds_the_rest()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var seeded = await sandbox.PostJsonAsync("_sandbox/seed", """
            { "generate": { "seed": 9, "companies": 3, "invoices": 4 },
              "companies": [ { "id": 101, "name": "Renamed & Co", "accountNumber": "ACC-10001", "paymentTermId": 1, "taxRateId": 1 } ] }
            """);
        var data = await sandbox.GetJsonAsync("_sandbox/dataset");

        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        Assert.Equal(3, data.GetProperty("companies").GetArrayLength());
        Assert.Equal("Renamed & Co", data.GetProperty("companies")[0].GetProperty("name").GetString());
        Assert.Equal(4, data.GetProperty("invoices").GetArrayLength());
    }

    [Fact]
    public async Task A_seed_with_a_dangling_reference_is_refused_and_changes_nothing()
    {
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { Invoices = 7 });

        using var refused = await sandbox.PostJsonAsync("_sandbox/seed", """{ "invoices": [ { "id": 1, "number": "X", "companyId": 42, "paymentTermId": 3 } ] }""");
        var body = await refused.Content.ReadAsStringAsync();
        var data = await sandbox.GetJsonAsync("_sandbox/dataset");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("company 42 does not exist", body, StringComparison.Ordinal);
        Assert.Equal(7, data.GetProperty("invoices").GetArrayLength());
    }

    [Fact]
    public async Task Reset_zeroes_stats_clears_faults_and_makes_the_first_refresh_token_usable_again()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        (await sandbox.XeroTokenAsync("sandbox-refresh")).Dispose();
        (await sandbox.XeroTokenAsync("sandbox-refresh")).Dispose();
        using var _ = await sandbox.PostJsonAsync("_sandbox/faults", """{"vendor":"xero","status":500}""");
        using var dead = await sandbox.XeroTokenAsync("sandbox-refresh");

        (await sandbox.Http.PostAsync("_sandbox/reset", null)).Dispose();
        var stats = await sandbox.GetJsonAsync("_sandbox/stats");
        using var again = await sandbox.XeroTokenAsync("sandbox-refresh");

        Assert.Equal(HttpStatusCode.InternalServerError, dead.StatusCode);
        Assert.Equal(0, stats.GetProperty("xero").GetProperty("requests").GetInt32());
        Assert.Empty(stats.GetProperty("xero").GetProperty("byRoute").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
