using System.Text.Json.Serialization;
using WiseSync.Providers;

namespace WiseSync.QuickBooks.Dto;

/// <summary>
/// The provider's source-generated serializer: QBO's names are used as they are on the wire, in any letter case (the
/// 401 body is all lower case), numbers may come as text and text as numbers (vendor recordings hold both).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter), typeof(LenientBooleanConverter)])]
[JsonSerializable(typeof(QboEnvelope))]
[JsonSerializable(typeof(QboBatchRequest))]
internal sealed partial class QuickBooksJsonContext : JsonSerializerContext;
