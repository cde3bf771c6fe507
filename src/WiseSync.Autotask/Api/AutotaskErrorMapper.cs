using System.Net;
using System.Text.Json;
using NodaTime;
using WiseSync.Autotask.Api.Dto;
using WiseSync.Autotask.Json;

namespace WiseSync.Autotask.Api;

/// <summary>Turns Autotask's failure answers into WiseSync's typed errors (reference/psa-apis.md §1.3, §1.9).</summary>
internal static class AutotaskErrorMapper
{
    public const string Vendor = "Autotask";

    /// <summary>Some permission failures come back as HTTP 500 with this text (reference §1.3, django-autotask).</summary>
    private static readonly string[] PermissionMarkers = ["does not have the adequate permissions", "permission"];

    public static IReadOnlyList<string> ReadMessages(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, AutotaskJsonContext.Default.AtErrorBody);
            var messages = (error?.Errors ?? []).Select(m => m.TrimEnd()).Where(m => m.Length > 0).ToList();
            if (error?.Message is { Length: > 0 } message)
            {
                messages.Add(message.TrimEnd());
            }

            return messages;
        }
        catch (JsonException)
        {
            return [body.Length > 300 ? body[..300] : body];
        }
    }

    public static bool IsPermissionError(IReadOnlyList<string> messages) =>
        messages.Any(m => PermissionMarkers.Any(p => m.Contains(p, StringComparison.OrdinalIgnoreCase)));

    public static bool IsThreadLimit(IReadOnlyList<string> messages) =>
        messages.Any(m => m.Contains("thread", StringComparison.OrdinalIgnoreCase));

    public static Exception ToException(HttpStatusCode status, string body, Duration? retryAfter, string what)
    {
        var messages = ReadMessages(body);
        switch (status)
        {
            case HttpStatusCode.Unauthorized:
                return new AuthenticationException("Autotask refused the credentials (HTTP 401): check UserName, Secret and IntegrationCode of the API user.");
            case HttpStatusCode.Forbidden:
                return new ConfigurationException($"Autotask denied access to {what} (HTTP 403): give the API user's security level access to it.");
            case HttpStatusCode.TooManyRequests:
                return IsThreadLimit(messages)
                    ? new RateLimitedException(Vendor, RateLimitKind.Concurrency, "thread limit per endpoint", retryAfter ?? Duration.FromSeconds(1))
                    : new RateLimitedException(Vendor, RateLimitKind.LongWindow, "hourly request threshold of the database", retryAfter);
            case HttpStatusCode.InternalServerError when IsPermissionError(messages):
                return new ConfigurationException($"The Autotask API user may not access {what}: {string.Join("; ", messages)} Give its security level the needed permissions.");
            default:
                return new VendorValidationException(Vendor, messages.Count > 0 ? messages : [$"HTTP {(int)status} from {what}"], (int)status);
        }
    }
}
