namespace WiseSync;

/// <summary>
/// One renewal of a connection's tokens under the token store's lock (<see cref="ITokenStore.BeginRenewalAsync"/>).
/// Disposing it releases the lock; a renewal disposed without <see cref="CommitAsync"/> leaves the store as it was.
/// </summary>
public interface ITokenRenewal : IAsyncDisposable
{
    /// <summary>The tokens stored when the lock was taken (null when none): another process may have renewed meanwhile.</summary>
    OAuthTokens? Stored { get; }

    /// <summary>
    /// Stores <paramref name="tokens"/> durably while still holding the lock; the caller hands out the new access token only
    /// after this returns. Throws <see cref="TokenStoreException"/> when the store cannot keep them.
    /// </summary>
    Task CommitAsync(OAuthTokens tokens, CancellationToken cancellationToken = default);
}
