using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;
using static WiseSync.Xero.Tests.Contracts.XeroWireMock;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>
/// Every published sample is read by the provider's own DTOs with nothing the DTO declares silently dropped: each
/// declared property the sample carries (MS-JSON dates, numbers, nested contacts and lines) comes back with its value.
/// </summary>
public sealed class VendorSampleReadingTests
{
    public static TheoryData<string> Samples => new()
    {
        "contacts-get.json", "contacts-put.json", "contacts-post.json", "invoices-post.json", "contacts-put-400-validation.json", "invoices-get.json", "invoices-put.json",
        "invoice-get-error-element.json", "creditnotes-get.json", "creditnotes-put.json", "organisation.json", "organisation-spec.json",
        "connections.json", "error-400-highvolume-contacts.json",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_read_without_dropping_a_declared_field(string fixture)
    {
        var sample = JsonNode.Parse(Fixture(fixture))!;
        var (type, read) = Read(fixture, sample);

        var dropped = Dropped(sample, read, type, "$").ToList();

        Assert.True(dropped.Count == 0, $"{fixture}: read without " + string.Join(", ", dropped));
    }

    [Fact]
    public void A_declared_field_missing_from_what_was_read_is_reported()
    {
        var sample = JsonNode.Parse(Fixture("invoices-put.json"))!;
        var (type, read) = Read("invoices-put.json", sample);
        read!["Invoices"]![0]!.AsObject().Remove("Total");
        read["Invoices"]![0]!["Contact"]!["Name"] = "someone else";

        var dropped = Dropped(sample, read, type, "$").ToList();

        Assert.Contains(dropped, d => d.StartsWith("$.Invoices[0].Total ", StringComparison.Ordinal));
        Assert.Contains(dropped, d => d.StartsWith("$.Invoices[0].Contact.Name ", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_sent_as_strings_and_nulls_are_read()
    {
        var sample = JsonNode.Parse(Fixture("invoices-put.json"))!;
        var invoice = sample["Invoices"]![0]!;
        invoice["AmountDue"] = "40.00";
        invoice["LineItems"]![0]!["Quantity"] = "2.0000";
        invoice["Reference"] = null;
        invoice["Status"] = "SOME_FUTURE_STATUS";

        var read = JsonSerializer.Deserialize(sample.ToJsonString(), XeroJsonContext.Default.XeroInvoicesDto)!.Invoices![0];

        Assert.Equal(40.00m, read.AmountDue);
        Assert.Equal(2m, read.LineItems![0].Quantity);
        Assert.Null(read.Reference);
        Assert.Equal("SOME_FUTURE_STATUS", read.Status);
    }

    [Fact]
    public void Ms_json_dates_of_the_samples_are_read_as_dates()
    {
        var paid = JsonSerializer.Deserialize(Fixture("invoices-get.json"), XeroJsonContext.Default.XeroInvoicesDto)!.Invoices![1];
        var organisation = JsonSerializer.Deserialize(Fixture("organisation.json"), XeroJsonContext.Default.XeroOrganisationsDto)!.Organisations![0];

        Assert.Equal(new NodaTime.LocalDate(2018, 11, 29), XeroDateFormat.ParseDate(paid.FullyPaidOnDate));
        Assert.Equal(new NodaTime.LocalDate(2009, 9, 30), XeroDateFormat.ParseDate(organisation.PeriodLockDate));
        Assert.NotNull(XeroDateFormat.ParseInstant(paid.UpdatedDateUTC));
    }

    private static (JsonTypeInfo Type, JsonNode? Read) Read(string fixture, JsonNode sample)
    {
        JsonTypeInfo type = fixture switch
        {
            _ when fixture.StartsWith("contacts", StringComparison.Ordinal) && sample["Elements"] is null => XeroJsonContext.Default.XeroContactsDto,
            _ when fixture.StartsWith("invoice", StringComparison.Ordinal) => XeroJsonContext.Default.XeroInvoicesDto,
            _ when fixture.StartsWith("creditnotes", StringComparison.Ordinal) => XeroJsonContext.Default.XeroCreditNotesDto,
            _ when fixture.StartsWith("organisation", StringComparison.Ordinal) => XeroJsonContext.Default.XeroOrganisationsDto,
            "connections.json" => XeroJsonContext.Default.IReadOnlyListXeroConnectionDto,
            _ => XeroJsonContext.Default.XeroErrorDto,
        };
        var value = JsonSerializer.Deserialize(sample.ToJsonString(), type);
        return (type, JsonSerializer.SerializeToNode(value, type));
    }

    /// <summary>Paths of declared properties the sample has (non-null) that the DTO did not bring back equal.</summary>
    private static IEnumerable<string> Dropped(JsonNode? sample, JsonNode? read, JsonTypeInfo type, string path)
    {
        if (sample is null)
        {
            yield break;
        }

        if (type.Kind == JsonTypeInfoKind.Enumerable && sample is JsonArray items)
        {
            var element = XeroJsonContext.Default.GetTypeInfo(type.ElementType!)!;
            var readItems = read as JsonArray;
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var d in Dropped(items[i], readItems is not null && i < readItems.Count ? readItems[i] : null, element, $"{path}[{i}]"))
                {
                    yield return d;
                }
            }

            yield break;
        }

        if (type.Kind != JsonTypeInfoKind.Object || sample is not JsonObject fields)
        {
            if (!SameScalar(sample, read))
            {
                yield return $"{path} ({sample.ToJsonString()} read as {read?.ToJsonString() ?? "nothing"})";
            }

            yield break;
        }

        foreach (var property in type.Properties)
        {
            if (!fields.TryGetPropertyValue(property.Name, out var value) || value is null)
            {
                continue;
            }

            if (property.PropertyType == typeof(JsonElement) || property.PropertyType == typeof(IReadOnlyList<JsonElement>))
            {
                continue;
            }

            var inner = XeroJsonContext.Default.GetTypeInfo(property.PropertyType)!;
            foreach (var d in Dropped(value, read?[property.Name], inner, $"{path}.{property.Name}"))
            {
                yield return d;
            }
        }
    }

    private static bool SameScalar(JsonNode sample, JsonNode? read)
    {
        if (read is null)
        {
            return false;
        }

        var a = sample.AsValue();
        var b = read.AsValue();
        if (a.GetValueKind() == JsonValueKind.Number || b.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.Parse(a.ToJsonString().Trim('"'), CultureInfo.InvariantCulture) == decimal.Parse(b.ToJsonString().Trim('"'), CultureInfo.InvariantCulture);
        }

        return a.ToJsonString() == b.ToJsonString();
    }
}
