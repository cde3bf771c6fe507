namespace WiseSync;

/// <summary>The default <see cref="ITokenProtector"/>: tokens are stored as they are, protected only by the file's mode.</summary>
public sealed class PlainTextTokenProtector : ITokenProtector
{
    /// <summary>The one instance.</summary>
    public static PlainTextTokenProtector Instance { get; } = new();

    /// <inheritdoc />
    public string? Name => null;

    /// <inheritdoc />
    public string Protect(string token) => token;

    /// <inheritdoc />
    public string Unprotect(string protectedToken) => protectedToken;
}
