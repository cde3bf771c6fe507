using System.Text.Json.Serialization;

namespace WiseSync.ConnectWise.Dto;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(List<CwInvoice>))]
[JsonSerializable(typeof(List<CwUnpostedInvoice>))]
[JsonSerializable(typeof(List<CwCompany>))]
[JsonSerializable(typeof(List<CwContact>))]
[JsonSerializable(typeof(CwExportRequest))]
[JsonSerializable(typeof(CwCreateBatchRequest))]
[JsonSerializable(typeof(CwGlExport))]
[JsonSerializable(typeof(CwAccountingBatch))]
[JsonSerializable(typeof(List<CwBatchEntry>))]
[JsonSerializable(typeof(CwPaymentRequest))]
[JsonSerializable(typeof(CwCount))]
[JsonSerializable(typeof(CwErrorResponse))]
internal sealed partial class CwJsonContext : JsonSerializerContext;
