namespace WiseSync.QuickBooks.Internal.Api;

/// <summary>Marks requests for the plumbing (idempotent writes may be retried).</summary>
internal static class QuickBooksRequests
{
    public static void MarkIdempotent(HttpRequestMessage request, string key)
    {
        // Replaced by the plumbing's idempotent-write marker once merged.
        request.Options.Set(new HttpRequestOptionsKey<string>("WiseSync.IdempotencyKey"), key);
    }
}
