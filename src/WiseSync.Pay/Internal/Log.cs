using Microsoft.Extensions.Logging;

namespace WiseSync.Pay.Internal;

/// <summary>Wise-Pay's log lines. They carry ids, amounts and masked methods only — never a card or account number.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Invoice {InvoiceNumber} queued for automatic payment on {ScheduledDate} ({Method})")]
    public static partial void Queued(ILogger logger, string invoiceNumber, string scheduledDate, string method);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Debug, Message = "Invoice {InvoiceNumber} not queued: {Status}, {Reason}")]
    public static partial void NotQueued(ILogger logger, string invoiceNumber, PaymentQueueStatus status, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Payment {PaymentId} for invoice {InvoiceNumber} charged: {GatewayCode}")]
    public static partial void Charged(ILogger logger, string paymentId, string invoiceNumber, string gatewayCode);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Payment {PaymentId} for invoice {InvoiceNumber} declined: {GatewayCode}")]
    public static partial void Declined(ILogger logger, string paymentId, string invoiceNumber, string gatewayCode);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Error, Message = "Charging payment {PaymentId} failed; it is repeated with key {IdempotencyKey} when the lease runs out")]
    public static partial void ChargeFailed(ILogger logger, Exception exception, string paymentId, string idempotencyKey);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "Payment {PaymentId}: the claim was taken over before the answer was recorded; the other processor re-sent key {IdempotencyKey}")]
    public static partial void ClaimLost(ILogger logger, string paymentId, string idempotencyKey);
}
