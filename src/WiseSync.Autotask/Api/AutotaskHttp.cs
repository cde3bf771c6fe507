namespace WiseSync.Autotask.Api;

/// <summary>The typed client the plumbing builds per connection: an HttpClient with limits, retries and credential headers.</summary>
internal sealed class AutotaskHttp(HttpClient client)
{
    public HttpClient Client { get; } = client;
}
