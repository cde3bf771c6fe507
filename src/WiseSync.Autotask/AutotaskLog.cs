using Microsoft.Extensions.Logging;

namespace WiseSync.Autotask;

/// <summary>
/// The Autotask provider's log lines, event ids 4101–4199 (Xero 5001–5099, ConnectWise 7001–7099, QuickBooks 8001–8099).
/// Autotask authenticates with headers, so no token is renewed. Never the user's secret or integration code.
/// </summary>
internal static partial class AutotaskLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Autotask {Method} {Endpoint} answered {Status}")]
    public static partial void RequestRefused(ILogger logger, string method, string endpoint, int status);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Autotask listed {Count} invoices")]
    public static partial void InvoicesListed(ILogger logger, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Autotask refused the update of invoice {InvoiceId}: {Reason}")]
    public static partial void InvoiceUpdateRefused(ILogger logger, string invoiceId, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Autotask: {Updated} invoices updated, {Failed} failed")]
    public static partial void InvoicesUpdated(ILogger logger, int updated, int failed);
}
