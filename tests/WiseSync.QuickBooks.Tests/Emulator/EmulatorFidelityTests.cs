using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;
using WiseSync.QuickBooks.Tests.Contracts;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Emulator;

/// <summary>
/// The emulator answers in the shape of the vendor-published samples the sink is tested on (Contracts/): where a sample
/// fits, the emulator's answer to the same request has the sample's keys, with values of the same JSON kinds.
/// </summary>
public sealed class EmulatorFidelityTests
{
    [Fact]
    public async Task Emulated_401_has_the_gateway_shape_intuit_answers_with()
    {
        var recorded = VendorSamples.Cassette("qbo_api/error_401.yml");
        await using var qbo = await QuickBooksHarness.StartAsync();

        using var response = await qbo.Admin.GetAsync($"quickbooks/v3/company/{QuickBooksSandbox.RealmId}/customer/1");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(recorded.Status, (int)response.StatusCode);
        Assert.Equal(recorded.Headers["Www-Authenticate"], response.Headers.WwwAuthenticate.ToString());
        AssertSameShape(JsonNode.Parse(recorded.Body)!, body, "$");
        Assert.Equal("3200", body["fault"]!["error"]![0]!["code"]!.ToString());
    }

    [Fact]
    public async Task Every_emulated_answer_carries_an_intuit_tid_shaped_like_intuits()
    {
        var recorded = VendorSamples.Cassette("qbo_api/get_display_name.yml").IntuitTid;
        await using var qbo = await QuickBooksHarness.StartAsync();
        await Drafts.CustomersAsync(qbo.Sink, 1);
        var token = (await qbo.Tokens.GetAsync(QuickBooksWiseSyncBuilderExtensionsName.Vendor, QuickBooksSandbox.RealmId))!.AccessToken!;

        async Task<string?> Tid(HttpMethod method, string path, bool authorised = true)
        {
            using var request = new HttpRequestMessage(method, path);
            if (authorised)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await qbo.Admin.SendAsync(request);
            return response.Headers.TryGetValues("intuit_tid", out var values) ? values.Single() : null;
        }

        var company = $"quickbooks/v3/company/{QuickBooksSandbox.RealmId}/";
        string?[] tids =
        [
            await Tid(HttpMethod.Get, company + "companyinfo/" + QuickBooksSandbox.RealmId),
            await Tid(HttpMethod.Get, company + "query?query=" + Uri.EscapeDataString("select * from Customer")),
            await Tid(HttpMethod.Get, company + "customer/424242"),
            await Tid(HttpMethod.Get, company + "companyinfo/1", authorised: false),
            await Tid(HttpMethod.Post, "quickbooks/oauth2/v1/tokens/bearer", authorised: false),
        ];

        const string shape = "^1-[0-9a-f]{8}-[0-9a-f]{24}$";
        Assert.Matches(shape, recorded);
        Assert.All(tids, tid => Assert.Matches(shape, tid));
        Assert.Equal(tids.Length, tids.Distinct().Count());
    }

    [Fact]
    public async Task Emulated_company_info_and_preferences_have_the_shape_of_intuits_sdk_samples()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var (_, info) = await qbo.CallApiAsync(HttpMethod.Get, "companyinfo/" + QuickBooksSandbox.RealmId);
        var (_, preferences) = await qbo.CallApiAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("select * from Preferences"));

        AssertSameShape(JsonNode.Parse(VendorSamples.Text("php-sdk/companyinfo.json"))!, info, "$", emulatorKeysMustBeInSample: true);
        AssertSameShape(JsonNode.Parse(VendorSamples.Text("dotnet-sdk/preferences-query.json"))!, preferences, "$", emulatorKeysMustBeInSample: true);
        Assert.Null(preferences["QueryResponse"]!["Preferences"]![0]!["TaxPrefs"]!["PartnerTaxEnabled"]);
    }

    [Fact]
    public async Task Emulated_customer_query_and_batch_answers_have_the_shape_recorded_from_intuit()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.CallApiAsync(HttpMethod.Post, "customer", new JsonObject { ["DisplayName"] = "Amy's Bird Sanctuary", ["PrimaryEmailAddr"] = new JsonObject { ["Address"] = "Birds@Intuit.com" } });

        var (_, query) = await qbo.CallApiAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird Sanctuary'"));
        var (_, batch) = await qbo.CallApiAsync(HttpMethod.Post, "batch", JsonNode.Parse("""
            {"BatchItemRequest":[{"bId":"bid1","operation":"create","Vendor":{"DisplayName":"Boraski Family Store"}},
             {"bId":"bid2","operation":"delete","Invoice":{"Id":"129","SyncToken":"0"}}]}
            """)!.AsObject());

        AssertSameShape(JsonNode.Parse(VendorSamples.Cassette("qbo_api/get_display_name.yml").Body)!, query, "$");
        var recorded = JsonNode.Parse(VendorSamples.Cassette("qbo_api/batch_basic.yml").Body)!["BatchItemResponse"]!.AsArray();
        var emulated = batch["BatchItemResponse"]!.AsArray();
        AssertSameShape(recorded[0]!, emulated[0]!, "$[0]");
        AssertSameShape(recorded[1]!, emulated[1]!, "$[1]", emulatorKeysMustBeInSample: true);
        Assert.Equal("610", emulated[1]!["Fault"]!["Error"]![0]!["code"]!.ToString());
    }

    [Fact]
    public async Task Emulated_validation_fault_has_the_shape_recorded_from_intuit()
    {
        var recorded = VendorSamples.Cassette("qbo_api/error_validation.yml");
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.CallApiAsync(HttpMethod.Post, "customer", new JsonObject { ["DisplayName"] = "Weiskopf Consulting" });

        var (status, body) = await qbo.CallApiAsync(HttpMethod.Post, "customer", new JsonObject { ["DisplayName"] = "Weiskopf Consulting" });

        Assert.Equal(recorded.Status, status);
        AssertSameShape(JsonNode.Parse(recorded.Body)!, body, "$");
        Assert.Equal("Duplicate Name Exists Error", body["Fault"]!["Error"]![0]!["Message"]!.ToString());
    }

    [Fact]
    public async Task Emulated_tax_codes_have_the_shape_recorded_from_intuit()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.SeedCompanyAsync("GB");

        var (_, codes) = await qbo.CallApiAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("select * from TaxCode"));

        var sample = JsonNode.Parse(VendorSamples.Text("quickbooks-ruby/tax_codes.converted.json"))!["QueryResponse"]!["TaxCode"]![3]!;
        var emulated = codes["QueryResponse"]!["TaxCode"]!.AsArray();
        Assert.All(emulated, code => AssertSameShape(sample, code!, "$.TaxCode"));
        Assert.Contains(emulated, c => c!["Name"]!.ToString() == "20.0% S");
    }

    [Fact]
    public async Task Emulated_vat_company_refuses_a_line_without_tax_code_with_intuits_6000()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.SeedCompanyAsync("GB");
        var (_, customer) = await qbo.CallApiAsync(HttpMethod.Post, "customer", new JsonObject { ["DisplayName"] = "Acme" });
        JsonObject Invoice(JsonObject? taxCode) => new()
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customer["Customer"]!["Id"]!.ToString() },
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = 100,
                ["DetailType"] = "SalesItemLineDetail",
                ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "1" }, ["TaxCodeRef"] = taxCode },
            }),
        };

        var (missing, refused) = await qbo.CallApiAsync(HttpMethod.Post, "invoice", Invoice(null));
        var (unknown, invalid) = await qbo.CallApiAsync(HttpMethod.Post, "invoice", Invoice(new JsonObject { ["value"] = "TAX" }));
        var (ok, invoice) = await qbo.CallApiAsync(HttpMethod.Post, "invoice", Invoice(new JsonObject { ["value"] = "3" }));

        Assert.Equal(400, missing);
        var error = refused["Fault"]!["Error"]![0]!;
        Assert.Equal("6000", error["code"]!.ToString());
        Assert.Equal("Business Validation Error: Make sure all your transactions have a VAT rate before you save.", error["Detail"]!.ToString());
        Assert.Equal("ValidationFault", refused["Fault"]!["type"]!.ToString());
        Assert.Equal(400, unknown);
        Assert.Equal("2500", invalid["Fault"]!["Error"]![0]!["code"]!.ToString());
        Assert.Equal(200, ok);
        Assert.Equal(20m, invoice["Invoice"]!["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.True(Api.QuickBooksFaults.IsAboutTax(JsonSerializer.Deserialize(refused.ToJsonString(), Dto.QuickBooksJsonContext.Default.QboEnvelope)!.Fault));
    }

    /// <summary>
    /// Keys of the sample that the emulator also sends carry values of the same JSON kind, recursively (arrays compared by
    /// their first element); with <paramref name="emulatorKeysMustBeInSample"/>, the emulator sends no key the sample lacks.
    /// </summary>
    private static void AssertSameShape(JsonNode sample, JsonNode emulated, string path, bool emulatorKeysMustBeInSample = false)
    {
        Assert.True(sample.GetValueKind() == emulated.GetValueKind(), $"{path}: the sample has {sample.GetValueKind()}, the emulator {emulated.GetValueKind()}");
        switch (sample)
        {
            case JsonObject expected:
                var actual = emulated.AsObject();
                if (emulatorKeysMustBeInSample)
                {
                    var extra = actual.Select(p => p.Key).Where(k => !expected.ContainsKey(k)).ToList();
                    Assert.True(extra.Count == 0, $"{path}: the emulator sends keys the sample lacks: {string.Join(", ", extra)}");
                }

                foreach (var (key, value) in expected)
                {
                    if (actual.TryGetPropertyValue(key, out var other) && value is not null && other is not null)
                    {
                        AssertSameShape(value, other, $"{path}.{key}", emulatorKeysMustBeInSample && key is not ("CompanyAddr" or "LegalAddr" or "CustomerCommunicationAddr"));
                    }
                    else if (value is null != (other is null) && actual.ContainsKey(key))
                    {
                        Assert.Fail($"{path}.{key}: the sample has {(value is null ? "null" : value.GetValueKind().ToString())}, the emulator {(other is null ? "null" : other.GetValueKind().ToString())}");
                    }
                }

                break;
            case JsonArray expectedItems when expectedItems.Count > 0 && emulated.AsArray().Count > 0:
                AssertSameShape(expectedItems[0]!, emulated.AsArray()[0]!, path + "[0]", emulatorKeysMustBeInSample);
                break;
        }
    }
}
