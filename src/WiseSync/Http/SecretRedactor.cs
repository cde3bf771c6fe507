using System.Collections.Concurrent;
using System.Text;

namespace WiseSync.Http;

/// <summary>
/// Knows the secret values and secret header names of this process and blanks them out of any text. The token
/// manager and the header authentication register what they send; providers register their own secrets; logging
/// and request recording pass text through <see cref="Redact"/>.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter values would blank ordinary words out of messages; no real credential is this short.
    private const int MinimumSecretLength = 6;

    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _secretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Authorization"] = 0,
        ["Proxy-Authorization"] = 0,
        ["Cookie"] = 0,
        ["Set-Cookie"] = 0,
    };

    /// <summary>Registers a secret value (null, empty and very short values are ignored).</summary>
    public void AddSecret(string? value)
    {
        if (value is { Length: >= MinimumSecretLength })
        {
            _secrets.TryAdd(value, 0);
        }
    }

    /// <summary>Registers a header whose values are secret.</summary>
    public void AddSecretHeader(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _secretHeaders.TryAdd(name, 0);
    }

    /// <summary>True when <paramref name="name"/> names a secret header.</summary>
    public bool IsSecretHeader(string name) => _secretHeaders.ContainsKey(name);

    /// <summary>The text with every registered secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _secrets.IsEmpty)
        {
            return text ?? string.Empty;
        }

        var builder = new StringBuilder(text);
        // Longest first, so a secret that contains another is masked whole.
        foreach (var secret in _secrets.Keys.OrderByDescending(s => s.Length))
        {
            builder.Replace(secret, Mask);
        }

        return builder.ToString();
    }

    /// <summary>The headers as "Name: value" lines, secret headers masked and secret values redacted.</summary>
    public string RedactHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var builder = new StringBuilder();
        foreach (var (name, values) in headers)
        {
            builder.Append(name).Append(": ")
                .Append(IsSecretHeader(name) ? Mask : Redact(string.Join(", ", values)))
                .Append('\n');
        }

        return builder.ToString();
    }
}
