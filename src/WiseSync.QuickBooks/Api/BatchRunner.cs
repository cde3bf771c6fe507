using System.Globalization;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Api;

/// <summary>
/// Sends any number of batch items as /batch calls of at most 30, each with its own derived requestid. On the wire the
/// items of a call are numbered <c>1</c>…<c>30</c> (QBO allows bIds of at most 10 characters when requestid is used,
/// reference Part 2.2); the answers are handed back under the callers' own bIds. A per-item Fault carries the answer's
/// <c>intuit_tid</c>, so every per-invoice error names it.
/// </summary>
internal static class BatchRunner
{
    public const int MaxItems = 30;

    /// <summary>
    /// Sends <paramref name="items"/> in chunks; returns the answers by the items' bIds. <paramref name="keyOf"/> gives the
    /// idempotency key of an item (from the drafts / companies it writes), mixed into each chunk's requestid.
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
            var wire = chunk.Select((item, i) => item with { BatchId = WireId(i) }).ToList();
            var requestId = BatchRequestIds.For(purpose, chunk.Select(keyOf), QuickBooksApiClient.Serialize(wire));
            var answer = await api.BatchAsync(wire, requestId, cancellationToken).ConfigureAwait(false);
            foreach (var item in answer.Items)
            {
                if (item.BatchId is not { } id || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > chunk.Length)
                {
                    continue;
                }

                var own = chunk[n - 1].BatchId;
                if (item.Fault is { } fault)
                {
                    api.ReportItemFault(purpose, own, fault, answer.IntuitTid);
                    answers[own] = item with { BatchId = own, Fault = fault with { IntuitTid = answer.IntuitTid } };
                }
                else
                {
                    answers[own] = item with { BatchId = own };
                }
            }
        }

        return answers;
    }

    private static string WireId(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
