using System.Net;

namespace WiseSync.ConnectWise.Api;

/// <summary>A ConnectWise answer other than success, with the vendor's own messages ({code, message, errors[]}).</summary>
internal sealed class ConnectWiseApiException : WiseSyncException
{
    public ConnectWiseApiException(HttpStatusCode status, string? code, IReadOnlyList<string> messages, Exception? innerException = null)
        : base($"ConnectWise answered {(int)status}{(code is null ? string.Empty : $" {code}")}: {string.Join("; ", messages)}", innerException)
    {
        Status = status;
        Code = code;
        Messages = messages;
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }

    public IReadOnlyList<string> Messages { get; }

    /// <summary>The text for a per-invoice red light.</summary>
    public string Describe() => Messages.Count == 0 ? $"ConnectWise answered {(int)Status}" : string.Join("; ", Messages);
}
