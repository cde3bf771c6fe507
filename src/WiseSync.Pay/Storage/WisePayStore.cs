using WiseSync.Ledger.Sqlite;
using WiseSync.Pay.Internal;

namespace WiseSync.Pay;

/// <summary>
/// Wise-Pay's data in the shared SQLite file: payers with their masked methods and auto-pay terms, the merchant
/// settings, and the scheduled payments. Safe to use from several threads and processes at once. A thin front: each
/// table group has its own class in <c>Storage/Internal</c>, all on the one SQLite storage kit the ledger uses.
/// </summary>
public sealed class WisePayStore
{
    private readonly SqliteDatabase _database;
    private readonly PayerTable _payers;
    private readonly MerchantSettingsTable _merchant;
    private readonly ScheduledPaymentTable _payments;
    private readonly ChargeAttemptTable _charges;

    /// <summary>Creates the store; the schema is created or migrated on first use.</summary>
    /// <param name="options">The options; <see cref="WisePayOptions.DatabasePath"/> is required.</param>
    /// <param name="clock">The clock that stamps changes.</param>
    /// <exception cref="ConfigurationException">No database path.</exception>
    public WisePayStore(WisePayOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ConfigurationException("WisePayOptions.DatabasePath is required: the SQLite file (normally the ledger's file) that holds the pay_ tables.");
        }

        _database = new SqliteDatabase(options.DatabasePath, options.BusyTimeout, PayMigrations.Schema, clock);
        _payers = new PayerTable(_database, clock);
        _merchant = new MerchantSettingsTable(_database, clock);
        _payments = new ScheduledPaymentTable(_database, clock);
        _charges = new ChargeAttemptTable(_database, clock);
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <summary>Creates or migrates Wise-Pay's tables now rather than on first use.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Adds or replaces a payer with its methods and auto-pay terms, in one transaction.</summary>
    /// <exception cref="ArgumentException">The payer's ids are blank, or another payer already pays for its PSA company.</exception>
    public Task SavePayerAsync(Payer payer, CancellationToken cancellationToken = default) =>
        _payers.SavePayerAsync(payer, cancellationToken);

    /// <summary>The payer with this id, or null.</summary>
    public Task<Payer?> GetPayerAsync(string payerId, CancellationToken cancellationToken = default) =>
        _payers.GetPayerAsync(payerId, cancellationToken);

    /// <summary>All payers, ordered by id.</summary>
    public Task<IReadOnlyList<Payer>> ListPayersAsync(CancellationToken cancellationToken = default) =>
        _payers.ListPayersAsync(cancellationToken);

    /// <summary>
    /// The payer for an invoice: the one linked to the PSA company, else the one linked to the accounting
    /// customer. Inactive payers are returned too; the caller decides.
    /// </summary>
    public Task<Payer?> FindPayerAsync(string psaCompanyId, string? accountingCustomerId, CancellationToken cancellationToken = default) =>
        _payers.FindPayerAsync(psaCompanyId, accountingCustomerId, cancellationToken);

    /// <summary>
    /// Imports payers from CSV (layout in the package README). Valid rows are saved, each in its own
    /// transaction; every bad row is reported with its row number and reason and changes nothing.
    /// </summary>
    public Task<PayerImportResult> ImportPayersCsvAsync(TextReader csv, CancellationToken cancellationToken = default) =>
        _payers.ImportPayersCsvAsync(csv, cancellationToken);

    /// <summary>Saves the merchant settings.</summary>
    public Task SaveMerchantSettingsAsync(MerchantSettings settings, CancellationToken cancellationToken = default) =>
        _merchant.SaveMerchantSettingsAsync(settings, cancellationToken);

    /// <summary>The merchant settings; enabled with no limits when none were saved.</summary>
    public Task<MerchantSettings> GetMerchantSettingsAsync(CancellationToken cancellationToken = default) =>
        _merchant.GetMerchantSettingsAsync(cancellationToken);

    /// <summary>The payment scheduled for an invoice (in any status), or null.</summary>
    public Task<ScheduledPayment?> GetPaymentAsync(string psaInvoiceId, CancellationToken cancellationToken = default) =>
        _payments.GetPaymentAsync(psaInvoiceId, cancellationToken);

    /// <summary>
    /// Outstanding payments: every one not settled and not cancelled (scheduled, in flight, charged but not
    /// yet seen paid in accounting, or declined and waiting for a person), by scheduled date.
    /// </summary>
    public Task<IReadOnlyList<ScheduledPayment>> ListOutstandingAsync(CancellationToken cancellationToken = default) =>
        _payments.ListOutstandingAsync(cancellationToken);

    /// <summary>Payments in one status, by scheduled date.</summary>
    public Task<IReadOnlyList<ScheduledPayment>> ListPaymentsAsync(ScheduledPaymentStatus status, CancellationToken cancellationToken = default) =>
        _payments.ListPaymentsAsync(status, cancellationToken);

    internal Task<IReadOnlyList<ScheduledPayment>> ListDueAsync(LocalDate asOf, long nowMs, CancellationToken cancellationToken) =>
        _payments.ListDueAsync(asOf, nowMs, cancellationToken);

    internal Task<(ScheduledPayment Payment, bool Changed)> UpsertScheduledAsync(ScheduledPayment wanted, CancellationToken cancellationToken) =>
        _payments.UpsertScheduledAsync(wanted, cancellationToken);

    internal Task<bool> CancelAsync(string psaInvoiceId, string message, CancellationToken cancellationToken) =>
        _payments.CancelAsync(psaInvoiceId, message, cancellationToken);

    internal Task<bool> SettleAsync(string psaInvoiceId, LocalDate paidDate, CancellationToken cancellationToken) =>
        _payments.SettleAsync(psaInvoiceId, paidDate, cancellationToken);

    internal Task<ScheduledPayment?> RetryDeclinedAsync(string psaInvoiceId, LocalDate on, PaymentMethodRole? role, string? display, CancellationToken cancellationToken) =>
        _payments.RetryDeclinedAsync(psaInvoiceId, on, role, display, cancellationToken);

    internal Task<ChargeClaim?> ClaimAsync(string paymentId, LocalDate asOf, string owner, Instant now, Duration lease, CancellationToken cancellationToken) =>
        _charges.ClaimAsync(paymentId, asOf, owner, now, lease, cancellationToken);

    internal Task<bool> RecordAnswerAsync(ChargeClaim claim, string owner, PaymentChargeResponse response, Instant now, CancellationToken cancellationToken) =>
        _charges.RecordAnswerAsync(claim, owner, response, now, cancellationToken);
}
