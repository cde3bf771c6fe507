namespace WiseSync.QuickBooks.Api;

/// <summary>The plumbing's typed client for one connection: an HttpClient with limiter, retries and OAuth2 in front.</summary>
internal sealed class QuickBooksHttp(HttpClient client)
{
    public HttpClient Client { get; } = client;
}
