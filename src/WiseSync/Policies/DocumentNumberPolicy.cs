using WiseSync.Policies.Internal;

namespace WiseSync.Policies;

/// <summary>The number to use in accounting.</summary>
internal sealed record DocumentNumberResult(string Number, string? OriginalNumber, string? Warning);

/// <summary>
/// Fits PSA document numbers into the accounting system's length: a deterministic prefix-plus-hash, kept in the ledger
/// so the same PSA number always maps to the same accounting number and no two PSA numbers share one.
/// </summary>
internal sealed class DocumentNumberPolicy(ISyncLedger ledger, string connection)
{
    private const int MaxAttempts = 16;

    public async Task<DocumentNumberResult> ApplyAsync(string number, int maxLength, bool persist, CancellationToken cancellationToken)
    {
        if (number.Length <= maxLength)
        {
            return new DocumentNumberResult(number, null, null);
        }

        var known = await ledger.GetDocumentNumberAsync(connection, number, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            return Shortened(number, known.ShortNumber, maxLength);
        }

        for (var salt = 0; salt < MaxAttempts; salt++)
        {
            var candidate = ShortCode.Shorten(number, maxLength, salt);
            if (!persist)
            {
                return Shortened(number, candidate, maxLength);
            }

            var stored = await ledger.TrySaveDocumentNumberAsync(new DocumentNumberMapping(connection, number, candidate), cancellationToken).ConfigureAwait(false);
            if (stored.OriginalNumber == number)
            {
                return Shortened(number, stored.ShortNumber, maxLength);
            }
        }

        throw new InvalidOperationException($"Could not find a free short number for {number}.");
    }

    private static DocumentNumberResult Shortened(string number, string shortNumber, int maxLength) =>
        new(shortNumber, number, $"Number {number} is longer than {maxLength} characters; posted as {shortNumber}.");
}
