namespace WiseSync.Sandbox.Recording;

/// <summary>One vendor request as the sandbox saw it, secrets removed.</summary>
internal sealed record RecordedRequest(
    string Vendor,
    string Method,
    string Path,
    string Query,
    int Status,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    string? Fault);
