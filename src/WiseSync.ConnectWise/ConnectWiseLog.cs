using Microsoft.Extensions.Logging;

namespace WiseSync.ConnectWise;

/// <summary>
/// The ConnectWise provider's log lines, event ids 7001–7099 (Autotask 4101–4199, Xero 5001–5099, QuickBooks 8001–8099).
/// ConnectWise authenticates with headers, so no token is renewed. Never the API member's keys.
/// </summary>
internal static partial class ConnectWiseLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "ConnectWise: {Count} pending invoices up to {ThruDate}")]
    public static partial void ListedInvoices(ILogger logger, int count, string thruDate);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "ConnectWise invoice {InvoiceNumber} cannot be batched: {Reason}")]
    public static partial void IncompleteGl(ILogger logger, string invoiceNumber, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "ConnectWise accounting batch {BatchIdentifier} created with {Invoices} invoices")]
    public static partial void BatchCreated(ILogger logger, string batchIdentifier, int invoices);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "ConnectWise accounting batch {BatchId} deleted to clear {Cleared} invoices; {Kept} re-batched")]
    public static partial void BatchDeleted(ILogger logger, int batchId, int cleared, int kept);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "ConnectWise re-batching {Kept} invoices of deleted batch {BatchId} failed; they are listed as pending again: {Reason}")]
    public static partial void RebatchFailed(ILogger logger, int batchId, int kept, string reason);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "ConnectWise refused accounting batch {BatchIdentifier} of {Invoices} invoices ({Named} named in the answer); the rest are batched apart: {Reason}")]
    public static partial void BatchItemsRefused(ILogger logger, string batchIdentifier, int named, int invoices, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "ConnectWise payment of {Amount} posted to invoice {InvoiceNumber}")]
    public static partial void PaymentPosted(ILogger logger, decimal amount, string invoiceNumber);
}
