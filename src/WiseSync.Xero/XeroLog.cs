using Microsoft.Extensions.Logging;

namespace WiseSync.Xero;

/// <summary>
/// The Xero provider's log lines, event ids 5001–5099 (Autotask 4101–4199, ConnectWise 7001–7099, QuickBooks 8001–8099;
/// token renewals are logged by the shared OAuth2 plumbing, 1200–1299). Never a token, a secret or a document's content.
/// </summary>
internal static partial class XeroLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Xero connection {Connection}: {Route} refused with HTTP {Status}")]
    public static partial void RequestRefused(ILogger logger, string connection, string route, int status);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Xero: {Written} documents written, {Failed} failed")]
    public static partial void DocumentsWritten(ILogger logger, int written, int failed);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Xero: the document of PSA invoice {PsaInvoiceId} was not written: {Reason}")]
    public static partial void DocumentFailed(ILogger logger, string psaInvoiceId, string reason);
}
