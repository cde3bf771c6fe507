using System.Text.Json.Serialization;

namespace WiseSync.Xero.Dto;

/// <summary>
/// The provider's source-generated JSON context: Xero's PascalCase names as declared, nulls left out; a number Xero
/// sends as a string ("2.0000") is still read as a number rather than failing the whole answer.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(XeroContactsDto))]
[JsonSerializable(typeof(XeroInvoicesDto))]
[JsonSerializable(typeof(XeroCreditNotesDto))]
[JsonSerializable(typeof(XeroOrganisationsDto))]
[JsonSerializable(typeof(XeroErrorDto))]
[JsonSerializable(typeof(IReadOnlyList<XeroConnectionDto>))]
internal sealed partial class XeroJsonContext : JsonSerializerContext;
