using NodaTime.Text;

namespace WiseSync.Pipeline.Internal;

/// <summary>Why a run stops starting new work, and what every invoice it did not reach says.</summary>
internal sealed record RunStop(string Reason, SyncStatus Status, string ItemMessage)
{
    /// <summary>A stop for exceptions that end the run (a vendor's long-window limit, failed authentication, a token store that cannot write); null for the rest.</summary>
    public static RunStop? For(Exception exception, Instant now) => exception switch
    {
        RateLimitedException { Kind: RateLimitKind.LongWindow } limit => new RunStop(
            limit.Message,
            SyncStatus.Warning,
            $"not attempted: {limit.Vendor} {limit.LimitName} reached, retry after {RetryTime(limit, now)}"),
        AuthenticationException auth => new RunStop(auth.Message, SyncStatus.Error, auth.Message),
        // The ledger cannot keep the connection's tokens: nothing more can be sent until someone fixes the file.
        TokenStoreException store => new RunStop(store.Message, SyncStatus.Error, $"not attempted: {store.Message}"),
        _ => null,
    };

    /// <summary>Finishes the invoices the run did not reach with the stop's status and message.</summary>
    public void FinishAll(IEnumerable<WorkItem> items)
    {
        foreach (var item in items)
        {
            item.Finish(Status, ItemMessage);
        }
    }

    private static string RetryTime(RateLimitedException limit, Instant now)
    {
        var at = limit.RetryAt ?? (limit.RetryAfter is { } after ? now + after : null);
        return at is { } instant ? InstantPattern.General.Format(instant) : "a while";
    }
}
