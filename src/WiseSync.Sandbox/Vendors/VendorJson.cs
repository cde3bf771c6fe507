using System.Text.Json.Serialization;

namespace WiseSync.Sandbox.Vendors;

/// <summary>Serializer settings for vendor payloads: property names exactly as written (vendors differ in casing).</summary>
internal static class VendorJson
{
    public static readonly JsonSerializerOptions Exact = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Exact, statusCode: status);
}
