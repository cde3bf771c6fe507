namespace WiseSync;

/// <summary>
/// The token store cannot read or keep a connection's tokens (a read-only, locked, full or damaged ledger). Thrown before a
/// refresh token is redeemed whenever the store can tell, so the connection keeps a token the vendor accepts; the run stops
/// and the message names the store and the remedy.
/// </summary>
public sealed class TokenStoreException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    public TokenStoreException(string message, Exception? innerException = null) : base(message, innerException) { }
}
