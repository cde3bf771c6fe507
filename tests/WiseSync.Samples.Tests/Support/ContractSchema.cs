using System.Text.Json;

namespace WiseSync.Samples.Tests.Support;

/// <summary>Checks the JSON documents of CONTRACTS §2 exactly: key sets, types and enum values (no schema validator is available).</summary>
internal static class ContractSchema
{
    public static readonly string[] Statuses = ["success", "warning", "error"];
    public static readonly string[] Payments = ["queued", "disabled", "no-terms", "no-payer"];
    public static readonly string[] Actions = ["post", "mark-only", "payments"];

    public static void AssertSyncReport(JsonElement root, string action, string psa, string accounting)
    {
        AssertKeys(root, "batchId", "action", "psa", "accounting", "totals", "invoices");
        Assert.False(string.IsNullOrWhiteSpace(String(root, "batchId")));
        Assert.Equal(action, String(root, "action"));
        Assert.Equal(psa, String(root, "psa"));
        Assert.Equal(accounting, String(root, "accounting"));

        var totals = root.GetProperty("totals");
        AssertKeys(totals, "invoices", "success", "warning", "error");
        var counts = new[] { "invoices", "success", "warning", "error" }.ToDictionary(k => k, k => Int(totals, k));

        var invoices = root.GetProperty("invoices");
        Assert.Equal(JsonValueKind.Array, invoices.ValueKind);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byStatus = Statuses.ToDictionary(s => s, _ => 0);
        foreach (var invoice in invoices.EnumerateArray())
        {
            // "plan" is additive: dry runs only.
            string[] keys = ["psaInvoiceId", "number", "status", "messages", "accountingInvoiceId", "accountingUrl", "payment"];
            AssertKeys(invoice, invoice.TryGetProperty("plan", out _) ? [.. keys, "plan"] : keys);
            Assert.True(seen.Add(String(invoice, "psaInvoiceId")), "each invoice is reported once");
            Assert.False(string.IsNullOrWhiteSpace(String(invoice, "number")));
            var status = String(invoice, "status");
            Assert.Contains(status, Statuses);
            byStatus[status]++;
            var messages = invoice.GetProperty("messages");
            Assert.Equal(JsonValueKind.Array, messages.ValueKind);
            Assert.All(messages.EnumerateArray(), m => Assert.Equal(JsonValueKind.String, m.ValueKind));
            StringOrNull(invoice, "accountingInvoiceId");
            if (StringOrNull(invoice, "accountingUrl") is { } url)
            {
                Assert.True(Uri.TryCreate(url, UriKind.Absolute, out _), $"accountingUrl '{url}' is an absolute URL");
            }

            if (StringOrNull(invoice, "payment") is { } payment)
            {
                Assert.Contains(payment, Payments);
            }
        }

        Assert.Equal(invoices.GetArrayLength(), counts["invoices"]);
        Assert.Equal(byStatus["success"], counts["success"]);
        Assert.Equal(byStatus["warning"], counts["warning"]);
        Assert.Equal(byStatus["error"], counts["error"]);
    }

    public static void AssertPending(JsonElement root)
    {
        AssertKeys(root, "invoices");
        Assert.Equal(JsonValueKind.Array, root.GetProperty("invoices").ValueKind);
        foreach (var invoice in root.GetProperty("invoices").EnumerateArray())
        {
            AssertKeys(invoice, "psaInvoiceId", "number", "company", "date", "total");
            Assert.False(string.IsNullOrWhiteSpace(String(invoice, "psaInvoiceId")));
            Assert.False(string.IsNullOrWhiteSpace(String(invoice, "number")));
            Assert.False(string.IsNullOrWhiteSpace(String(invoice, "company")));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", String(invoice, "date"));
            Assert.Equal(JsonValueKind.Number, invoice.GetProperty("total").ValueKind);
        }
    }

    public static void AssertKeys(JsonElement element, params string[] keys)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal(keys.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    public static string String(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        Assert.True(value.ValueKind == JsonValueKind.String, $"{name} is a string, not {value.ValueKind}");
        return value.GetString()!;
    }

    public static string? StringOrNull(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        Assert.True(value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{name} is a string or null, not {value.ValueKind}");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    public static int Int(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        return value.GetInt32();
    }
}
