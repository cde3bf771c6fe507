using System.Text.Json;
using System.Text.Json.Nodes;
using WiseSync.Testing;

namespace WiseSync.Autotask.Tests;

public sealed class SpecTests
{
    [SpecFact]
    public async Task Every_invoice_the_emulator_returns_matches_InvoiceModel_of_the_spec()
    {
        using var spec = JsonDocument.Parse(await File.ReadAllTextAsync(VendorSpecs.Require("autotask/autotask-v1.0.EXCERPT-transcribed.openapi.json")));
        var model = spec.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("InvoiceModel");
        var properties = model.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var required = model.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        await using var sandbox = await AutotaskSandbox.StartAsync(invoices: 550);
        await sandbox.SeedAsync(new
        {
            generate = new { invoices = 550 },
            problems = new object[] { new { kind = "voided", invoiceId = 70001 }, new { kind = "already-synced", invoiceId = 70002 } },
        });
        await sandbox.CallAsync(HttpMethod.Patch, "Invoices", new { id = 70003, paidDate = "2026-11-19T00:00:00" });

        var invoices = new List<JsonObject>();
        var (_, page) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query", new { filter = new[] { new { op = "gt", field = "id", value = 0 } } });
        invoices.AddRange(page!["items"]!.AsArray().Select(i => i!.AsObject()));
        var next = (string)page["pageDetails"]!["nextPageUrl"]!;
        var (_, second) = await sandbox.CallAsync(HttpMethod.Post, "Invoices/query/next", new { filter = new[] { new { op = "gt", field = "id", value = 0 } } }, "?" + next.Split('?')[1]);
        invoices.AddRange(second!["items"]!.AsArray().Select(i => i!.AsObject()));
        var (_, single) = await sandbox.CallAsync(HttpMethod.Get, "Invoices/70003");
        invoices.Add(single!["item"]!.AsObject());

        Assert.Equal(551, invoices.Count);
        foreach (var invoice in invoices)
        {
            foreach (var name in required)
            {
                Assert.True(invoice.ContainsKey(name), $"invoice {invoice["id"]} lacks required {name}");
            }

            Assert.NotNull(invoice["id"]);
            foreach (var (name, value) in invoice)
            {
                Assert.True(properties.TryGetValue(name, out var schema), $"invoice {invoice["id"]} has {name}, which InvoiceModel does not define");
                if (value is null)
                {
                    continue; // Autotask returns unset fields as null.
                }

                Assert.True(Matches(schema, value), $"invoice {invoice["id"]}: {name} = {value.ToJsonString()} is not {schema.GetRawText()}");
            }
        }
    }

    private static bool Matches(JsonElement schema, JsonNode value)
    {
        var kind = value.GetValueKind();
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return schema.GetProperty("type").GetString() switch
        {
            "integer" => kind == JsonValueKind.Number && value.GetValue<decimal>() is var d && d == decimal.Truncate(d)
                && (format != "int32" || d is >= int.MinValue and <= int.MaxValue),
            "number" => kind == JsonValueKind.Number,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "string" => kind == JsonValueKind.String && (format != "date-time" || DateTimeOffset.TryParse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _)),
            _ => true,
        };
    }
}
