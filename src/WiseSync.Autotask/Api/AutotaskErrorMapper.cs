using System.Net;
using System.Text.Json;
using NodaTime;

namespace WiseSync.Autotask.Api;

/// <summary>Turns Autotask's failure answers into WiseSync's typed errors (reference/psa-apis.md §1.3, §1.9).</summary>
internal static class AutotaskErrorMapper
{
    public const string Vendor = "Autotask";

    /// <summary>Some permission failures come back as HTTP 500 with this text (reference §1.3, django-autotask).</summary>
    private static readonly string[] PermissionMarkers = ["does not have the adequate permissions", "permission"];

    /// <summary>
    /// The texts of an error body: <c>{"errors":["..."]}</c> (reference §1.3), elements that are objects with a
    /// <c>message</c> (n8n-nodes-autotask meets both shapes), and an optional top-level <c>message</c>. A body that is
    /// not JSON is kept as text (first 300 characters), so no vendor text is lost.
    /// </summary>
    public static IReadOnlyList<string> ReadMessages(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var messages = new List<string>();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [Trim(body)];
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("errors") && property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in property.Value.EnumerateArray())
                    {
                        Add(messages, element.ValueKind switch
                        {
                            JsonValueKind.String => element.GetString(),
                            JsonValueKind.Object => Text(element, "message"),
                            _ => element.GetRawText(),
                        });
                    }
                }
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    Add(messages, property.Value.GetString());
                }
            }

            return messages;
        }
        catch (JsonException)
        {
            return [Trim(body)];
        }

        static void Add(List<string> messages, string? text)
        {
            if (text?.TrimEnd() is { Length: > 0 } trimmed)
            {
                messages.Add(trimmed);
            }
        }

        static string? Text(JsonElement element, string name) =>
            element.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
                ? value.GetString()
                : element.GetRawText();

        static string Trim(string text) => text.Length > 300 ? text[..300] : text;
    }

    /// <summary>
    /// Autotask's answer when the record is not there: "No matching records found. The logged in Resource may not have
    /// the required permissions …" (django-autotask maps it to not-found). It names permissions only as a guess, so it is
    /// that record's failure, not a setting to fix for the whole connection.
    /// </summary>
    private const string NoMatchingRecords = "No matching records found";

    public static bool IsPermissionError(IReadOnlyList<string> messages) =>
        messages.Any(m => !m.Contains(NoMatchingRecords, StringComparison.OrdinalIgnoreCase)
            && PermissionMarkers.Any(p => m.Contains(p, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// "API thread threshold of 3 threads has been exceeded" (reference §1.9), error code Itgenatr005; it may come with
    /// a status other than 429 (n8n-nodes-autotask 2.23.0), so the text decides, not the status.
    /// </summary>
    public static bool IsThreadLimit(IReadOnlyList<string> messages) =>
        messages.Any(m => m.Contains("Itgenatr005", StringComparison.OrdinalIgnoreCase)
            || (m.Contains("thread", StringComparison.OrdinalIgnoreCase) && (m.Contains("threshold", StringComparison.OrdinalIgnoreCase) || m.Contains("limit", StringComparison.OrdinalIgnoreCase))));

    public static Exception ToException(HttpStatusCode status, string body, Duration? retryAfter, string what)
    {
        var messages = ReadMessages(body);
        if (IsThreadLimit(messages))
        {
            return new RateLimitedException(Vendor, RateLimitKind.Concurrency, "thread limit per endpoint", retryAfter ?? Duration.FromSeconds(1));
        }

        switch (status)
        {
            case HttpStatusCode.Unauthorized:
                return new AuthenticationException("Autotask refused the credentials (HTTP 401): check UserName, Secret and IntegrationCode of the API user.");
            case HttpStatusCode.Forbidden:
                return new ConfigurationException($"Autotask denied access to {what} (HTTP 403): give the API user's security level access to it.");
            case HttpStatusCode.TooManyRequests:
                return new RateLimitedException(Vendor, RateLimitKind.LongWindow, "hourly request threshold of the database", retryAfter);
            case HttpStatusCode.InternalServerError when IsPermissionError(messages):
                return new ConfigurationException($"The Autotask API user may not access {what}: {string.Join("; ", messages)} Give its security level the needed permissions.");
            default:
                return new VendorValidationException(Vendor, messages.Count > 0 ? messages : [$"HTTP {(int)status} from {what}"], (int)status);
        }
    }
}
