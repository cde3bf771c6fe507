namespace WiseSync.Auth.Internal;

/// <summary>Sets fixed credential headers on each attempt (replacing any the caller set).</summary>
internal sealed class HeaderAuthenticationHandler(IReadOnlyDictionary<string, string> headers) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
