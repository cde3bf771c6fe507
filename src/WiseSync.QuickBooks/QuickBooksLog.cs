using Microsoft.Extensions.Logging;

namespace WiseSync.QuickBooks;

/// <summary>
/// The QuickBooks provider's log lines, event ids 8001–8099 (Autotask 4101–4199, Xero 5001–5099, ConnectWise 7001–7099;
/// token renewals are logged by the shared OAuth2 plumbing, 1200–1299). Never a token or a secret; Intuit's transaction
/// id is not a secret, support asks for it.
/// </summary>
internal static partial class QuickBooksLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: {Created} customers created, {Found} found, {Failed} failed")]
    public static partial void CustomersEnsured(ILogger logger, string realmId, int created, int found, int failed);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: {Created} documents created, {Updated} updated, {Failed} failed")]
    public static partial void DocumentsWritten(ILogger logger, string realmId, int created, int updated, int failed);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: payment status of {Count} invoices read, {Paid} paid")]
    public static partial void PaymentStatusRead(ILogger logger, string realmId, int count, int paid);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "QuickBooks realm {RealmId}: {Route} failed with HTTP {Status}, code {Code} (intuit_tid {IntuitTid})")]
    public static partial void RequestFailed(ILogger logger, string realmId, string route, int status, string code, string intuitTid);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "QuickBooks realm {RealmId}: {Route} answered HTTP 500 (intuit_tid {IntuitTid}); sending it once more")]
    public static partial void ServerErrorRepeated(ILogger logger, string realmId, string route, string intuitTid);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Warning, Message = "QuickBooks realm {RealmId}: {Purpose} batch item {BatchId} failed with code {Code} (intuit_tid {IntuitTid})")]
    public static partial void BatchItemFailed(ILogger logger, string realmId, string purpose, string batchId, string code, string intuitTid);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Information, Message = "QuickBooks realm {RealmId}: company in {Country}, sales tax {UsingSalesTax}, automated sales tax {PartnerTaxEnabled}, {TaxCodes} tax codes")]
    public static partial void CompanyProfileRead(ILogger logger, string realmId, string country, string usingSalesTax, string partnerTaxEnabled, int taxCodes);
}
