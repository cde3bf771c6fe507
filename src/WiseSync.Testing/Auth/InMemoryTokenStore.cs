using System.Collections.Concurrent;

namespace WiseSync;

/// <summary>
/// Keeps OAuth2 tokens in memory only: for tests and demos (the WiseSync.Testing package). Tokens are lost on restart, and
/// renewals are serialised within this process only (the default <see cref="ITokenStore.BeginRenewalAsync"/>).
/// </summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<(string Provider, string Tenant), OAuthTokens> _tokens = new();

    /// <inheritdoc />
    public Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.TryGetValue((provider, tenant), out var tokens) ? tokens : null);

    /// <inheritdoc />
    public Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens[(provider, tenant)] = tokens;
        return Task.CompletedTask;
    }
}
