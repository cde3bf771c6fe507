using WiseSync.QuickBooks.Internal.Json;

namespace WiseSync.QuickBooks.Internal.Api;

/// <summary>Sends any number of batch items as /batch calls of at most 30, each with its own derived requestid.</summary>
internal static class BatchRunner
{
    public const int MaxItems = 30;

    /// <summary>
    /// Sends <paramref name="items"/> in chunks; returns the answers by bId. <paramref name="keyOf"/> gives the idempotency
    /// key of an item (from the drafts / companies it writes), mixed into each chunk's requestid.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, QboBatchItemResponse>> RunAsync(
        QuickBooksApiClient api,
        string purpose,
        IReadOnlyList<QboBatchItemRequest> items,
        Func<QboBatchItemRequest, string> keyOf,
        CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, QboBatchItemResponse>(StringComparer.Ordinal);
        foreach (var chunk in items.Chunk(MaxItems))
        {
            var requestId = BatchRequestIds.For(purpose, chunk.Select(keyOf), QuickBooksApiClient.Serialize(chunk));
            foreach (var answer in await api.BatchAsync(chunk, requestId, cancellationToken).ConfigureAwait(false))
            {
                if (answer.BatchId is { } id)
                {
                    answers[id] = answer;
                }
            }
        }

        return answers;
    }
}
