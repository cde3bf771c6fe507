using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WiseSync;

/// <summary>The default renewal of <see cref="ITokenStore"/>: one lock per (store, provider, tenant) within this process.</summary>
internal sealed class InProcessTokenRenewal : ITokenRenewal
{
    private static readonly ConditionalWeakTable<ITokenStore, ConcurrentDictionary<(string, string), SemaphoreSlim>> Locks = new();

    private readonly ITokenStore _store;
    private readonly string _provider;
    private readonly string _tenant;
    private SemaphoreSlim? _held;

    private InProcessTokenRenewal(ITokenStore store, string provider, string tenant, SemaphoreSlim held, OAuthTokens? stored)
    {
        _store = store;
        _provider = provider;
        _tenant = tenant;
        _held = held;
        Stored = stored;
    }

    public OAuthTokens? Stored { get; }

    public static async Task<ITokenRenewal> BeginAsync(ITokenStore store, string provider, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var gate = Locks.GetOrCreateValue(store).GetOrAdd((provider, tenant), static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await store.GetAsync(provider, tenant, cancellationToken).ConfigureAwait(false);
            return new InProcessTokenRenewal(store, provider, tenant, gate, stored);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public Task CommitAsync(OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_held is null, this);
        return _store.SaveAsync(_provider, _tenant, tokens, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _held, null)?.Release();
        return ValueTask.CompletedTask;
    }
}
