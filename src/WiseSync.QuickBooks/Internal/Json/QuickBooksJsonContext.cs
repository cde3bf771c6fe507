using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Internal.Json;

/// <summary>The provider's source-generated serializer: QBO's names are used as they are on the wire.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(QboEnvelope))]
[JsonSerializable(typeof(QboBatchRequest))]
[JsonSerializable(typeof(QboCustomer))]
[JsonSerializable(typeof(QboTransaction))]
[JsonSerializable(typeof(QboItem))]
internal sealed partial class QuickBooksJsonContext : JsonSerializerContext;
