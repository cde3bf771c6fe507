using System.Text.Json.Serialization;
using WiseSync.Providers;

namespace WiseSync.Autotask.Dto;

/// <summary>
/// Source-generated serializer for every Autotask wire shape (camelCase, as the API writes it). Reading is lenient
/// where Autotask is loose with types: numbers may come as text, text as numbers, booleans as 0/1, and each is read
/// as the value sent, never dropped.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter), typeof(LenientBooleanConverter)])]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(AtQuery))]
[JsonSerializable(typeof(AtPage<AtInvoice>))]
[JsonSerializable(typeof(AtPage<AtBillingItem>))]
[JsonSerializable(typeof(AtPage<AtCompany>))]
[JsonSerializable(typeof(AtPage<AtContact>))]
[JsonSerializable(typeof(AtPage<AtPaymentTerm>))]
[JsonSerializable(typeof(AtPage<AtBillingCode>))]
[JsonSerializable(typeof(AtPage<AtTaxCategory>))]
[JsonSerializable(typeof(AtPage<AtOrganizationalLevelAssociation>))]
[JsonSerializable(typeof(AtPage<AtOrganizationalLevel>))]
[JsonSerializable(typeof(AtQueryCount))]
[JsonSerializable(typeof(AtZoneInformation))]
[JsonSerializable(typeof(AtInvoiceSettings))]
[JsonSerializable(typeof(AtInvoiceMarkup))]
[JsonSerializable(typeof(AtInvoiceSyncPatch))]
[JsonSerializable(typeof(AtInvoicePaidPatch))]
[JsonSerializable(typeof(AtOperationResult))]
internal sealed partial class AutotaskJsonContext : JsonSerializerContext;
