using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WiseSync.Pay.Internal;

namespace WiseSync.Pay;

/// <summary>
/// Wise-Pay's <see cref="IPaymentScheduler"/>: decides whether a synced invoice is paid automatically, keeps one
/// scheduled payment per invoice, and charges due payments through an <see cref="IPaymentGateway"/> exactly once.
/// </summary>
public sealed class WisePayScheduler : IPaymentScheduler
{
    private readonly IClock _clock;
    private readonly DateTimeZone _zone;
    private readonly Duration _lease;
    private readonly string _processorId;
    private readonly ILogger _logger;

    /// <summary>Creates the scheduler over a store.</summary>
    /// <param name="store">Where payers and payments live.</param>
    /// <param name="options">The options (time zone, charge lease, processor id).</param>
    /// <param name="clock">The clock that says what today is.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ConfigurationException">The time zone is unknown.</exception>
    public WisePayScheduler(WisePayStore store, WisePayOptions options, IClock clock, ILogger<WisePayScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        Store = store;
        _clock = clock;
        _zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZoneId ?? string.Empty)
            ?? throw new ConfigurationException($"WisePayOptions.TimeZoneId '{options.TimeZoneId}' is not an IANA time zone id (e.g. 'UTC', 'America/Chicago').");
        _lease = Duration.FromTimeSpan(options.ChargeLease > TimeSpan.Zero ? options.ChargeLease : TimeSpan.FromMinutes(10));
        _processorId = string.IsNullOrWhiteSpace(options.ProcessorId)
            ? $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}"
            : options.ProcessorId;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Creates a scheduler and its store from options alone (for hosts without dependency injection).</summary>
    public WisePayScheduler(WisePayOptions options, IClock clock, ILogger<WisePayScheduler>? logger = null)
        : this(new WisePayStore(options, clock), options, clock, logger)
    {
    }

    /// <summary>The store: payers, merchant settings, payments.</summary>
    public WisePayStore Store { get; }

    /// <summary>Today in the configured time zone.</summary>
    public LocalDate Today => _clock.GetCurrentInstant().InZone(_zone).Date;

    /// <inheritdoc />
    public async Task<PaymentScheduleResult> ScheduleAsync(PaymentScheduleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invoice = request.Invoice;
        var decision = await DecideAsync(request, cancellationToken).ConfigureAwait(false);
        if (decision.Refusal is { } refused)
        {
            // The invoice no longer qualifies: a payment queued for it earlier must not be charged.
            await Store.CancelAsync(invoice.Id, refused.Message, cancellationToken).ConfigureAwait(false);
            Log.NotQueued(_logger, invoice.Number, refused.Status, refused.Message);
            return refused;
        }

        var wanted = decision.Payment!;
        var (saved, _) = await Store.UpsertScheduledAsync(wanted, cancellationToken).ConfigureAwait(false);
        var result = saved.Status switch
        {
            ScheduledPaymentStatus.Scheduled => Queued(saved, $"Queued for automatic payment on {Format(saved.ScheduledDate)} with {saved.MethodDisplay} ({decision.Rule}){decision.Note}."),
            ScheduledPaymentStatus.Processing => Queued(saved, $"Being charged now with {saved.MethodDisplay}; not changed."),
            ScheduledPaymentStatus.Charged => Queued(saved, $"Already charged with {saved.MethodDisplay} (gateway {saved.GatewayCode}, reference {saved.GatewayReference}); not changed."),
            ScheduledPaymentStatus.Declined => Queued(saved, $"The charge with {saved.MethodDisplay} was declined ({saved.GatewayCode}); waiting for a person to retry it."),
            _ => new PaymentScheduleResult(PaymentQueueStatus.Disabled, $"Already settled on {(saved.SettledDate is { } d ? Format(d) : "an earlier date")}; not queued again."),
        };
        if (result.Status == PaymentQueueStatus.Queued)
        {
            Log.Queued(_logger, invoice.Number, Format(saved.ScheduledDate), saved.MethodDisplay);
        }

        return result;
    }

    /// <inheritdoc />
    public Task CancelAsync(string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceId);
        return Store.CancelAsync(psaInvoiceId, "Cancelled: the synced invoice was removed from its batch.", cancellationToken);
    }

    /// <inheritdoc />
    public Task SettleAsync(string psaInvoiceId, LocalDate paidDate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceId);
        return Store.SettleAsync(psaInvoiceId, paidDate, cancellationToken);
    }

    /// <summary>
    /// Payments to charge on <paramref name="asOf"/>: scheduled on or before it, plus those whose processor
    /// stopped mid-charge and whose lease has run out.
    /// </summary>
    public Task<IReadOnlyList<ScheduledPayment>> GetDuePaymentsAsync(LocalDate asOf, CancellationToken cancellationToken = default) =>
        Store.ListDueAsync(asOf, _clock.GetCurrentInstant().ToUnixTimeMilliseconds(), cancellationToken);

    /// <summary>
    /// Charges every due payment through <paramref name="gateway"/> exactly once. Each payment is claimed in the
    /// database before the gateway is called, so concurrent processors (threads or processes sharing the file)
    /// and repeated runs never charge it twice; a claim left by a stopped processor is repeated with the same
    /// idempotency key once its lease runs out. Declines are recorded with the gateway's code and left for a
    /// person (<see cref="RetryDeclinedAsync"/>).
    /// </summary>
    /// <param name="gateway">The payment gateway.</param>
    /// <param name="asOf">The day to charge for; default today.</param>
    /// <param name="cancellationToken">Stops between payments (and inside the gateway call).</param>
    public async Task<PaymentRunReport> ProcessDuePaymentsAsync(IPaymentGateway gateway, LocalDate? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var day = asOf ?? Today;
        var merchant = await Store.GetMerchantSettingsAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<PaymentChargeOutcome>();
        foreach (var due in await GetDuePaymentsAsync(day, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MerchantBlocks(merchant, due, day) is { } blocked)
            {
                outcomes.Add(new PaymentChargeOutcome(due.Id, due.PsaInvoiceId, PaymentChargeOutcomeKind.Skipped, blocked));
                continue;
            }

            var claim = await Store.ClaimAsync(due.Id, day, _processorId, _clock.GetCurrentInstant(), _lease, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                outcomes.Add(new PaymentChargeOutcome(due.Id, due.PsaInvoiceId, PaymentChargeOutcomeKind.Skipped, "Another processor holds this payment, or it is no longer due."));
                continue;
            }

            outcomes.Add(await ChargeAsync(gateway, claim, cancellationToken).ConfigureAwait(false));
        }

        return new PaymentRunReport(day, outcomes);
    }

    /// <summary>
    /// Puts a declined payment back in the queue (a person's decision), on <paramref name="on"/> (default today),
    /// optionally with the payer's other method. The next run charges it as a new attempt with a new idempotency key.
    /// </summary>
    /// <exception cref="InvalidOperationException">The invoice has no declined payment, or the payer lacks the method asked for.</exception>
    public async Task<ScheduledPayment> RetryDeclinedAsync(string psaInvoiceId, PaymentMethodRole? method = null, LocalDate? on = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceId);
        var payment = await Store.GetPaymentAsync(psaInvoiceId, cancellationToken).ConfigureAwait(false);
        if (payment is not { Status: ScheduledPaymentStatus.Declined })
        {
            throw new InvalidOperationException($"Invoice {psaInvoiceId} has no declined payment to retry (status: {payment?.Status.ToString() ?? "none"}).");
        }

        string? display = null;
        if (method is { } role)
        {
            var payer = await Store.GetPayerAsync(payment.PayerId, cancellationToken).ConfigureAwait(false);
            var chosen = role == PaymentMethodRole.Primary ? payer?.Primary : payer?.Secondary;
            display = chosen?.Display ?? throw new InvalidOperationException($"Payer {payment.PayerId} has no {role.ToString().ToLowerInvariant()} payment method.");
        }

        return await Store.RetryDeclinedAsync(psaInvoiceId, on ?? Today, method, display, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Invoice {psaInvoiceId} has no declined payment to retry (it changed meanwhile).");
    }

    private async Task<PaymentChargeOutcome> ChargeAsync(IPaymentGateway gateway, ChargeClaim claim, CancellationToken cancellationToken)
    {
        var payment = claim.Payment;
        var request = new PaymentChargeRequest(claim.IdempotencyKey, payment.Id, payment.PsaInvoiceId, payment.InvoiceNumber, payment.PayerId, payment.MethodRole, payment.MethodDisplay, payment.Amount, payment.Currency);
        PaymentChargeResponse response;
        try
        {
            response = await gateway.ChargeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ChargeFailed(_logger, ex, payment.Id, claim.IdempotencyKey);
            return new PaymentChargeOutcome(payment.Id, payment.PsaInvoiceId, PaymentChargeOutcomeKind.Failed,
                $"The gateway failed ({ex.GetType().Name}); the charge is repeated with the same idempotency key when the claim's lease runs out.")
            { IdempotencyKey = claim.IdempotencyKey };
        }

        var recorded = await Store.RecordAnswerAsync(claim, _processorId, response, _clock.GetCurrentInstant(), CancellationToken.None).ConfigureAwait(false);
        if (!recorded)
        {
            Log.ClaimLost(_logger, payment.Id, claim.IdempotencyKey);
            return new PaymentChargeOutcome(payment.Id, payment.PsaInvoiceId, PaymentChargeOutcomeKind.Skipped,
                "The claim's lease ran out and another processor took it over with the same idempotency key; its answer is the one recorded.")
            { GatewayCode = response.Code, IdempotencyKey = claim.IdempotencyKey };
        }

        if (response.Approved)
        {
            Log.Charged(_logger, payment.Id, payment.InvoiceNumber, response.Code);
            return new PaymentChargeOutcome(payment.Id, payment.PsaInvoiceId, PaymentChargeOutcomeKind.Charged,
                $"Charged {Money(payment.Amount, payment.Currency)} to {payment.MethodDisplay}.")
            { GatewayCode = response.Code, IdempotencyKey = claim.IdempotencyKey };
        }

        Log.Declined(_logger, payment.Id, payment.InvoiceNumber, response.Code);
        return new PaymentChargeOutcome(payment.Id, payment.PsaInvoiceId, PaymentChargeOutcomeKind.Declined,
            $"Declined by the gateway ({response.Code}); left for a person to retry.")
        { GatewayCode = response.Code, IdempotencyKey = claim.IdempotencyKey };
    }

    private static string? MerchantBlocks(MerchantSettings merchant, ScheduledPayment payment, LocalDate day)
    {
        if (payment.Status == ScheduledPaymentStatus.Processing)
        {
            // A charge already sent must be finished with the same key whatever the settings say now.
            return null;
        }

        if (!merchant.Enabled)
        {
            return "Automatic payments are disabled for this merchant; left scheduled.";
        }

        if (merchant.PaymentCutoffDate is { } cutoff && day > cutoff)
        {
            return $"After the merchant's payment cutoff date {Format(cutoff)}; left scheduled.";
        }

        if (merchant.MaximumTransactionAmount is { } max && payment.Amount > max)
        {
            return $"{Money(payment.Amount, payment.Currency)} is above the merchant's maximum of {Money(max, payment.Currency)} per transaction; left scheduled.";
        }

        return null;
    }

    private async Task<Decision> DecideAsync(PaymentScheduleRequest request, CancellationToken cancellationToken)
    {
        var invoice = request.Invoice;
        var merchant = await Store.GetMerchantSettingsAsync(cancellationToken).ConfigureAwait(false);
        if (!merchant.Enabled)
        {
            return Refuse(PaymentQueueStatus.Disabled, "Automatic payments are disabled for this merchant.");
        }

        if (invoice.DocumentKind == DocumentKind.CreditNote || request.AccountingInvoice?.Kind == DocumentKind.CreditNote)
        {
            return Refuse(PaymentQueueStatus.Disabled, $"Credit note ({Money(invoice.Total, invoice.Currency)}): credits are never charged automatically.");
        }

        if (invoice.IsVoided)
        {
            return Refuse(PaymentQueueStatus.Disabled, "The invoice is voided; nothing to charge.");
        }

        if ((invoice.PaidDate ?? request.AccountingInvoice?.FullyPaidOn) is { } paid)
        {
            return Refuse(PaymentQueueStatus.Disabled, $"Already paid on {Format(paid)}; nothing to charge.");
        }

        var amount = request.AccountingInvoice?.AmountDue ?? invoice.Total;
        if (amount <= 0m)
        {
            return Refuse(PaymentQueueStatus.Disabled, $"Nothing left to pay ({Money(amount, invoice.Currency)} due).");
        }

        var payer = await Store.FindPayerAsync(invoice.Company.Id, request.AccountingCustomerId, cancellationToken).ConfigureAwait(false);
        if (payer is null)
        {
            return Refuse(PaymentQueueStatus.NoPayer, $"No payer is set up for {invoice.Company.Name}.");
        }

        if (!payer.IsActive)
        {
            return Refuse(PaymentQueueStatus.NoPayer, $"Payer '{payer.Id}' for {invoice.Company.Name} is inactive.");
        }

        if (payer.DefaultMethod is not { } method)
        {
            return Refuse(PaymentQueueStatus.NoPayer, $"Payer '{payer.Id}' for {invoice.Company.Name} has no payment method.");
        }

        if (invoice.Terms is null)
        {
            return Refuse(PaymentQueueStatus.NoTerms, "The invoice has no billing terms, so it is not paid automatically.");
        }

        var rule = payer.AutoPayTerms.FirstOrDefault(t => t.Matches(invoice.Terms));
        if (rule is null)
        {
            var autoPay = payer.AutoPayTerms.Count == 0 ? "none" : string.Join(", ", payer.AutoPayTerms.Select(t => t.Terms));
            return Refuse(PaymentQueueStatus.NoTerms, $"Terms '{invoice.Terms.Name}' are not auto-pay terms for payer '{payer.Id}' (auto-pay terms: {autoPay}).");
        }

        if (merchant.MaximumTransactionAmount is { } max && amount > max)
        {
            return Refuse(PaymentQueueStatus.Disabled, $"{Money(amount, invoice.Currency)} is above the merchant's maximum of {Money(max, invoice.Currency)} per transaction.");
        }

        var today = Today;
        var dueDate = ChargeDateCalculator.DueDate(request);
        var planned = ChargeDateCalculator.PlannedDate(rule, invoice.InvoiceDate, dueDate);
        var chargeDate = planned < today ? today : planned;
        var note = planned < today ? $"; its planned date {Format(planned)} has passed, so it is charged on the next run" : string.Empty;
        if (merchant.MaximumOverdueDays is { } maxOverdue)
        {
            var overdue = Period.DaysBetween(dueDate, chargeDate);
            if (overdue > maxOverdue)
            {
                return Refuse(PaymentQueueStatus.Disabled, $"It would be charged on {Format(chargeDate)}, {overdue} days after its due date {Format(dueDate)}; the merchant allows at most {maxOverdue} overdue days.");
            }
        }

        if (merchant.PaymentCutoffDate is { } cutoff && chargeDate > cutoff)
        {
            return Refuse(PaymentQueueStatus.Disabled, $"It would be charged on {Format(chargeDate)}, after the merchant's payment cutoff date {Format(cutoff)}.");
        }

        var payment = new ScheduledPayment(
            Guid.NewGuid().ToString("N"), invoice.Id, invoice.Number, payer.Id, method.Role, method.Method.Display,
            amount, invoice.Currency, chargeDate, ScheduledPaymentStatus.Scheduled)
        { DueDate = dueDate };
        return new Decision(null, payment, rule.ToString(), note);
    }

    private static Decision Refuse(PaymentQueueStatus status, string message) => new(new PaymentScheduleResult(status, message), null, null, string.Empty);

    private static PaymentScheduleResult Queued(ScheduledPayment payment, string message) =>
        new(PaymentQueueStatus.Queued, message) { ScheduledDate = payment.ScheduledDate, Method = payment.MethodDisplay };

    private static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";

    private sealed record Decision(PaymentScheduleResult? Refusal, ScheduledPayment? Payment, string? Rule, string Note);
}
