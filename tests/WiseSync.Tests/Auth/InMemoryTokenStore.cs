using System.Collections.Concurrent;

namespace WiseSync.Tests.Auth;

/// <summary>A test token store; it counts saves.</summary>
internal sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<(string, string), OAuthTokens> _tokens = new();
    private int _saves;

    public int Saves => _saves;

    public Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.TryGetValue((provider, tenant), out var tokens) ? tokens : null);

    public Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        _tokens[(provider, tenant)] = tokens;
        Interlocked.Increment(ref _saves);
        return Task.CompletedTask;
    }
}
