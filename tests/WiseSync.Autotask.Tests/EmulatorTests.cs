using System.Text.Json.Nodes;

namespace WiseSync.Autotask.Tests;

/// <summary>The emulator answers as reference/psa-apis.md Part 1 describes, independent of the provider.</summary>
public sealed class EmulatorTests
{
    [Fact]
    public async Task Next_page_url_must_be_POSTed_with_the_same_body_a_GET_is_405()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync(invoices: 600);
        var query = new { maxRecords = 500, filter = new[] { new { op = "gt", field = "id", value = 0 } } };

        var (status, first) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query", query);
        var next = (string)first!["pageDetails"]!["nextPageUrl"]!;
        using var get = new HttpRequestMessage(HttpMethod.Get, next);
        get.Headers.Add("ApiIntegrationCode", "SANDBOX");
        get.Headers.Add("UserName", "api@sandbox.local");
        get.Headers.Add("Secret", "sandbox-secret");
        using var getResponse = await sandbox.Admin.SendAsync(get);
        var (postStatus, second) = await sandbox.CallAsync(HttpMethod.Post, next[(next.IndexOf("v1.0/", StringComparison.Ordinal) + 5)..].Split('?')[0], query, "?" + next.Split('?')[1]);

        Assert.Equal(200, status);
        Assert.Equal(500, first["items"]!.AsArray().Count);
        Assert.Equal(405, (int)getResponse.StatusCode);
        Assert.Equal(200, postStatus);
        Assert.Equal(100, second!["items"]!.AsArray().Count);
        Assert.Null(second["pageDetails"]!["nextPageUrl"]);
    }

    [Fact]
    public async Task Search_by_GET_count_and_item_wrapper_answer_like_Autotask()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var search = Uri.EscapeDataString("{\"filter\":[{\"op\":\"in\",\"field\":\"id\",\"value\":[70001,70002,70003]}]}");

        var (_, found) = await sandbox.CallAsync(HttpMethod.Get, "Invoices/query", query: "?search=" + search);
        var (_, count) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query/count", new { filter = new[] { new { op = "gte", field = "id", value = 70050 } } });
        var (_, item) = await sandbox.CallAsync(HttpMethod.Get, "Invoices/70001");
        var (_, missing) = await sandbox.CallAsync(HttpMethod.Get, "Invoices/1");
        var (unauthorized, _) = await sandbox.CallAsync(HttpMethod.Get, "Invoices/70001".Replace("Invoices", "Invoices", StringComparison.Ordinal), query: null);

        Assert.Equal([70001L, 70002L, 70003L], found!["items"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Equal(51, (int)count!["queryCount"]!);
        Assert.Equal("INV-10001", (string?)item!["item"]!["invoiceNumber"]);
        Assert.True(missing!.AsObject().ContainsKey("item"));
        Assert.Null(missing["item"]);
        Assert.Equal(200, unauthorized);
    }

    [Fact]
    public async Task Nested_or_and_groups_string_ops_and_include_fields_filter_and_shape_the_answer()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var query = new JsonObject
        {
            ["includeFields"] = new JsonArray("id", "invoiceNumber"),
            ["filter"] = new JsonArray(
                new JsonObject
                {
                    ["op"] = "or",
                    ["items"] = new JsonArray(
                        new JsonObject { ["op"] = "endsWith", ["field"] = "invoiceNumber", ["value"] = "0001" },
                        new JsonObject
                        {
                            ["op"] = "and",
                            ["items"] = new JsonArray(
                                new JsonObject { ["op"] = "beginsWith", ["field"] = "invoiceNumber", ["value"] = "inv-1002" },
                                new JsonObject { ["op"] = "lt", ["field"] = "id", ["value"] = 70023 }),
                        }),
                },
                new JsonObject { ["op"] = "notIn", ["field"] = "id", ["value"] = new JsonArray(70021) },
                new JsonObject { ["op"] = "notExist", ["field"] = "webServiceDate" }),
        };

        var (status, page) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query", query);

        Assert.Equal(200, status);
        var items = page!["items"]!.AsArray();
        Assert.Equal(["INV-10001", "INV-10020", "INV-10022"], items.Select(i => (string)i!["invoiceNumber"]!));
        Assert.All(items, i => Assert.Equal(["id", "invoiceNumber"], i!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task Bad_filters_and_read_only_fields_answer_500_with_errors()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();

        var (unknownStatus, unknown) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query", new { filter = new[] { new { op = "eq", field = "colour", value = 1 } } });
        var (dueStatus, due) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query", new { filter = new[] { new { op = "lt", field = "dueDate", value = "2026-12-01" } } });
        var (readOnlyStatus, readOnly) = await sandbox.CallAsync(HttpMethod.Patch, "Invoices", new { id = 70001, invoiceTotal = 1 });

        Assert.Equal(500, unknownStatus);
        Assert.Contains("colour", (string?)unknown!["errors"]![0], StringComparison.Ordinal);
        Assert.Equal(500, dueStatus);
        Assert.Contains("dueDate", (string?)due!["errors"]![0], StringComparison.Ordinal);
        Assert.Equal(500, readOnlyStatus);
        Assert.Contains("read only", (string?)readOnly!["errors"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PUT_nulls_the_writable_fields_it_leaves_out_and_PATCH_does_not()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();

        var (patchStatus, patch) = await sandbox.CallAsync(HttpMethod.Patch, "Invoices", new { id = 70001, webServiceDate = "2026-11-20T10:00:00" });
        var afterPatch = await sandbox.InvoiceStateAsync(70001);
        var (putStatus, _) = await sandbox.CallAsync(HttpMethod.Put, "Invoices", new { id = 70001, webServiceDate = "2026-11-20T10:00:00" });
        var afterPut = await sandbox.InvoiceStateAsync(70001);

        Assert.Equal(200, patchStatus);
        Assert.Equal(70001, (long)patch!["itemId"]!);
        Assert.Equal("INV-10001", (string?)afterPatch["invoiceNumber"]);
        Assert.Equal("2026-11-20T10:00:00.000Z", (string?)afterPatch["webServiceDate"]);
        Assert.Equal(200, putStatus);
        Assert.Null(afterPut["invoiceNumber"]);
    }

    [Fact]
    public async Task Requests_without_credentials_are_401_and_zone_lookup_needs_none()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();

        using var anonymous = await sandbox.Admin.PostAsync("autotask/atservicesrest/v1.0/Invoices/query", new StringContent("{}"));
        var zone = JsonNode.Parse(await sandbox.Admin.GetStringAsync("autotask/atservicesrest/v1.0/zoneInformation?user=api@sandbox.local"));

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal(new Uri(sandbox.Server.BaseUrl, "autotask/atservicesrest/").AbsoluteUri, (string?)zone!["url"]);
    }
}
