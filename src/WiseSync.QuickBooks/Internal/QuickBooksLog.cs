using Microsoft.Extensions.Logging;

namespace WiseSync.QuickBooks.Internal;

/// <summary>The provider's log lines (never a token or a secret).</summary>
internal static partial class QuickBooksLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: {Created} customers created, {Found} found, {Failed} failed")]
    public static partial void CustomersEnsured(ILogger logger, string realmId, int created, int found, int failed);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: {Created} documents created, {Updated} updated, {Failed} failed")]
    public static partial void DocumentsWritten(ILogger logger, string realmId, int created, int updated, int failed);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: payment status of {Count} invoices read, {Paid} paid")]
    public static partial void PaymentStatusRead(ILogger logger, string realmId, int count, int paid);
}
