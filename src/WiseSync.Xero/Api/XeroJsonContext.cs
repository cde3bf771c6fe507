using System.Text.Json.Serialization;
using WiseSync.Xero.Api.Dto;

namespace WiseSync.Xero.Api;

/// <summary>The provider's source-generated JSON context: Xero's PascalCase names as declared, nulls left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(XeroContactsDto))]
[JsonSerializable(typeof(XeroInvoicesDto))]
[JsonSerializable(typeof(XeroCreditNotesDto))]
[JsonSerializable(typeof(XeroOrganisationsDto))]
[JsonSerializable(typeof(XeroErrorDto))]
[JsonSerializable(typeof(XeroInvoiceDto))]
[JsonSerializable(typeof(XeroCreditNoteDto))]
[JsonSerializable(typeof(XeroContactDto))]
[JsonSerializable(typeof(IReadOnlyList<XeroConnectionDto>))]
internal sealed partial class XeroJsonContext : JsonSerializerContext;
