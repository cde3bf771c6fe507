namespace WiseSync;

/// <summary>
/// Protects OAuth tokens at rest in <see cref="SqliteTokenStore"/>. The default, <see cref="PlainTextTokenProtector"/>, stores
/// them as they are (the ledger file is owner-only, mode 0600); a host registers its own (ASP.NET Core Data Protection, a
/// key vault, DPAPI) as a singleton <see cref="ITokenProtector"/> before <c>AddWiseSync</c>'s store is first resolved.
/// </summary>
/// <remarks>
/// Each protected value is stored as <c>protected:{Name}:{payload}</c>, so the store can tell which protector wrote it: a
/// token written before protection was turned on is still read (and protected at its next renewal), and a token written by
/// another protector is reported instead of being sent to the vendor garbled.
/// </remarks>
public interface ITokenProtector
{
    /// <summary>A short name stored with each value (letters, digits, '-' and '.'); null stores tokens in plain text.</summary>
    string? Name { get; }

    /// <summary>The protected form of <paramref name="token"/> (any text without line breaks).</summary>
    string Protect(string token);

    /// <summary>The token that <see cref="Protect"/> turned into <paramref name="protectedToken"/>.</summary>
    string Unprotect(string protectedToken);
}
