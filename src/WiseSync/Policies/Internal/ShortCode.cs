using System.Security.Cryptography;
using System.Text;

namespace WiseSync.Policies.Internal;

/// <summary>Deterministic shortening: a readable prefix plus a hash of the whole value, so different long values stay different.</summary>
internal static class ShortCode
{
    private const int HashLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U.

    public static string Shorten(string value, int maxLength, int salt = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var hash = Hash(salt == 0 ? value : $"{value}#{salt}");
        if (maxLength <= HashLength + 1)
        {
            return hash[..maxLength];
        }

        // Never cut between the halves of a surrogate pair (emoji): a lone surrogate is not valid text for a vendor or the ledger.
        var prefix = maxLength - HashLength - 1;
        if (char.IsHighSurrogate(value[prefix - 1]))
        {
            prefix--;
        }

        return string.Concat(value.AsSpan(0, prefix), "-", hash);
    }

    public static string Hash(string value)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        var chars = new char[HashLength];
        ulong bits = BitConverter.ToUInt64(digest);
        for (var i = 0; i < HashLength; i++)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(chars);
    }
}
