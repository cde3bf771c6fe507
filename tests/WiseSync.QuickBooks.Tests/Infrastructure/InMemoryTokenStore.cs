using System.Collections.Concurrent;

namespace WiseSync.QuickBooks.Tests.Infrastructure;

/// <summary>An <see cref="ITokenStore"/> in memory; the engine's SQLite store is tested elsewhere.</summary>
internal sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<(string, string), OAuthTokens> _tokens = new();

    public int Saves;

    public Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.TryGetValue((provider, tenant), out var tokens) ? tokens : null);

    public Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Saves);
        _tokens[(provider, tenant)] = tokens;
        return Task.CompletedTask;
    }
}
