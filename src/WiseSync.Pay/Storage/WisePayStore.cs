using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Pay.Internal;
using WiseSync.Ledger.Sqlite;
using static WiseSync.Ledger.Sqlite.SqliteCommands;
using static WiseSync.Pay.Internal.PayColumns;

namespace WiseSync.Pay;

/// <summary>
/// Wise-Pay's data in the shared SQLite file: payers with their masked methods and auto-pay terms, the merchant
/// settings, and the scheduled payments. Safe to use from several threads and processes at once.
/// </summary>
public sealed class WisePayStore
{
    private const string PaymentColumns =
        "id, psa_invoice_id, invoice_number, payer_id, method_role, method_display, amount, currency, scheduled_date, " +
        "due_date, status, attempts, gateway_code, gateway_reference, message, settled_date, updated_at";

    private readonly SqliteDatabase _database;
    private readonly IClock _clock;

    /// <summary>Creates the store; the schema is created or migrated on first use.</summary>
    /// <param name="options">The options; <see cref="WisePayOptions.DatabasePath"/> is required.</param>
    /// <param name="clock">The clock that stamps changes.</param>
    /// <exception cref="ConfigurationException">No database path.</exception>
    public WisePayStore(WisePayOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ConfigurationException("WisePayOptions.DatabasePath is required: the SQLite file (normally the ledger's file) that holds the pay_ tables.");
        }

        _database = new SqliteDatabase(options.DatabasePath, options.BusyTimeout, PayMigrations.Schema, clock);
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
    public async Task SavePayerAsync(Payer payer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payer);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            await SavePayerInTransactionAsync(connection, transaction, payer, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task SavePayerInTransactionAsync(SqliteConnection connection, SqliteTransaction transaction, Payer payer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(payer.Id, nameof(payer));
        ArgumentException.ThrowIfNullOrWhiteSpace(payer.PsaCompanyId, nameof(payer));
        if (PaymentDataGuard.ContainsCardNumber(payer.Id) || PaymentDataGuard.ContainsCardNumber(payer.PsaCompanyId)
            || PaymentDataGuard.ContainsCardNumber(payer.Name) || PaymentDataGuard.ContainsCardNumber(payer.AccountingCustomerId))
        {
            throw new SensitivePaymentDataException(nameof(payer), "Refused the payer: one of its ids or its name contains a full card number. The number was not stored or logged.");
        }

        using (var owner = Command(connection, transaction, "SELECT id FROM pay_payers WHERE psa_company_id = $company AND id <> $id;"))
        {
            owner.Parameters.AddWithValue("$company", payer.PsaCompanyId.Trim());
            owner.Parameters.AddWithValue("$id", payer.Id.Trim());
            if (await owner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string other)
            {
                throw new ArgumentException($"PSA company '{payer.PsaCompanyId.Trim()}' already has payer '{other}'; a company has one payer.", nameof(payer));
            }
        }

        using (var upsert = Command(connection, transaction, """
            INSERT INTO pay_payers (id, psa_company_id, accounting_customer_id, name, active, updated_at)
            VALUES ($id, $company, $customer, $name, $active, $now)
            ON CONFLICT (id) DO UPDATE SET psa_company_id = excluded.psa_company_id,
                accounting_customer_id = excluded.accounting_customer_id, name = excluded.name,
                active = excluded.active, updated_at = excluded.updated_at;
            DELETE FROM pay_methods WHERE payer_id = $id;
            DELETE FROM pay_terms WHERE payer_id = $id;
            """))
        {
            upsert.Parameters.AddWithValue("$id", payer.Id.Trim());
            upsert.Parameters.AddWithValue("$company", payer.PsaCompanyId.Trim());
            upsert.Parameters.AddWithValue("$customer", DbValue(Blank(payer.AccountingCustomerId)));
            upsert.Parameters.AddWithValue("$name", DbValue(Blank(payer.Name)));
            upsert.Parameters.AddWithValue("$active", payer.IsActive ? 1 : 0);
            upsert.Parameters.AddWithValue("$now", Stamp(_clock.GetCurrentInstant()));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (role, method) in new[] { (PaymentMethodRole.Primary, payer.Primary), (PaymentMethodRole.Secondary, payer.Secondary) })
        {
            if (method is null)
            {
                continue;
            }

            using var insert = Command(connection, transaction, "INSERT INTO pay_methods (payer_id, role, kind, label, last4) VALUES ($id, $role, $kind, $label, $last4);");
            insert.Parameters.AddWithValue("$id", payer.Id.Trim());
            insert.Parameters.AddWithValue("$role", RoleText(role));
            insert.Parameters.AddWithValue("$kind", method.Kind == PaymentMethodKind.Card ? "card" : "bank_account");
            insert.Parameters.AddWithValue("$label", method.Label);
            insert.Parameters.AddWithValue("$last4", method.Last4);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var position = 0;
        foreach (var terms in payer.AutoPayTerms)
        {
            using var insert = Command(connection, transaction, "INSERT INTO pay_terms (payer_id, position, terms, timing, value) VALUES ($id, $pos, $terms, $timing, $value);");
            insert.Parameters.AddWithValue("$id", payer.Id.Trim());
            insert.Parameters.AddWithValue("$pos", position++);
            insert.Parameters.AddWithValue("$terms", terms.Terms);
            insert.Parameters.AddWithValue("$timing", terms.Timing switch { AutoPayTiming.OnDueDate => "due", AutoPayTiming.DaysAfterInvoiceDate => "after", _ => "day" });
            insert.Parameters.AddWithValue("$value", terms.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The payer with this id, or null.</summary>
    public async Task<Payer?> GetPayerAsync(string payerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payerId);
        var payers = await ReadPayersAsync("WHERE p.id = $key", payerId.Trim(), null, cancellationToken).ConfigureAwait(false);
        return payers.Count == 0 ? null : payers[0];
    }

    /// <summary>All payers, ordered by id.</summary>
    public Task<IReadOnlyList<Payer>> ListPayersAsync(CancellationToken cancellationToken = default) =>
        ReadPayersAsync(string.Empty, null, null, cancellationToken);

    /// <summary>
    /// The payer for an invoice: the one linked to the PSA company, else the one linked to the accounting
    /// customer. Inactive payers are returned too; the caller decides.
    /// </summary>
    public async Task<Payer?> FindPayerAsync(string psaCompanyId, string? accountingCustomerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaCompanyId);
        var byCompany = await ReadPayersAsync("WHERE p.psa_company_id = $key", psaCompanyId.Trim(), null, cancellationToken).ConfigureAwait(false);
        if (byCompany.Count > 0 || string.IsNullOrWhiteSpace(accountingCustomerId))
        {
            return byCompany.Count > 0 ? byCompany[0] : null;
        }

        var byCustomer = await ReadPayersAsync("WHERE p.accounting_customer_id = $key", accountingCustomerId.Trim(), null, cancellationToken).ConfigureAwait(false);
        return byCustomer.FirstOrDefault(p => p.IsActive) ?? byCustomer.FirstOrDefault();
    }

    private async Task<IReadOnlyList<Payer>> ReadPayersAsync(string where, string? key, SqliteConnection? shared, CancellationToken cancellationToken)
    {
        var connection = shared ?? await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = new List<Payer>();
            using (var select = Command(connection, null, $"SELECT p.id, p.psa_company_id, p.accounting_customer_id, p.name, p.active FROM pay_payers p {where} ORDER BY p.id;"))
            {
                if (key is not null)
                {
                    select.Parameters.AddWithValue("$key", key);
                }

                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new Payer(reader.GetString(0), reader.GetString(1))
                    {
                        AccountingCustomerId = reader.IsDBNull(2) ? null : reader.GetString(2),
                        Name = reader.IsDBNull(3) ? null : reader.GetString(3),
                        IsActive = reader.GetInt64(4) != 0,
                    });
                }
            }

            for (var i = 0; i < rows.Count; i++)
            {
                rows[i] = await LoadDetailsAsync(connection, rows[i], cancellationToken).ConfigureAwait(false);
            }

            return rows;
        }
        finally
        {
            if (shared is null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<Payer> LoadDetailsAsync(SqliteConnection connection, Payer payer, CancellationToken cancellationToken)
    {
        PaymentMethod? primary = null, secondary = null;
        using (var methods = Command(connection, null, "SELECT role, kind, label, last4 FROM pay_methods WHERE payer_id = $id;"))
        {
            methods.Parameters.AddWithValue("$id", payer.Id);
            using var reader = await methods.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var method = new PaymentMethod(reader.GetString(1) == "card" ? PaymentMethodKind.Card : PaymentMethodKind.BankAccount, reader.GetString(2), reader.GetString(3));
                if (reader.GetString(0) == "primary")
                {
                    primary = method;
                }
                else
                {
                    secondary = method;
                }
            }
        }

        var terms = new List<AutoPayTerms>();
        using (var select = Command(connection, null, "SELECT terms, timing, value FROM pay_terms WHERE payer_id = $id ORDER BY position;"))
        {
            select.Parameters.AddWithValue("$id", payer.Id);
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var timing = reader.GetString(1) switch { "due" => AutoPayTiming.OnDueDate, "after" => AutoPayTiming.DaysAfterInvoiceDate, _ => AutoPayTiming.DayOfMonth };
                terms.Add(new AutoPayTerms(reader.GetString(0), timing, (int)reader.GetInt64(2)));
            }
        }

        return payer with { Primary = primary, Secondary = secondary, AutoPayTerms = terms };
    }

    /// <summary>Saves the merchant settings.</summary>
    public async Task SaveMerchantSettingsAsync(MerchantSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaximumTransactionAmount is < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "The maximum transaction amount cannot be negative.");
        }

        if (settings.MaximumOverdueDays is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "The maximum overdue days cannot be negative.");
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var upsert = Command(connection, null, """
                INSERT INTO pay_merchant (id, enabled, max_amount, max_overdue_days, cutoff_date, updated_at)
                VALUES (1, $enabled, $amount, $days, $cutoff, $now)
                ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, max_amount = excluded.max_amount,
                    max_overdue_days = excluded.max_overdue_days, cutoff_date = excluded.cutoff_date, updated_at = excluded.updated_at;
                """);
            upsert.Parameters.AddWithValue("$enabled", settings.Enabled ? 1 : 0);
            upsert.Parameters.AddWithValue("$amount", DbValue(settings.MaximumTransactionAmount is { } a ? Money(a) : null));
            upsert.Parameters.AddWithValue("$days", DbValue(settings.MaximumOverdueDays));
            upsert.Parameters.AddWithValue("$cutoff", DbValue(settings.PaymentCutoffDate is { } c ? Date(c) : null));
            upsert.Parameters.AddWithValue("$now", Stamp(_clock.GetCurrentInstant()));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The merchant settings; enabled with no limits when none were saved.</summary>
    public async Task<MerchantSettings> GetMerchantSettingsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var select = Command(connection, null, "SELECT enabled, max_amount, max_overdue_days, cutoff_date FROM pay_merchant WHERE id = 1;");
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new MerchantSettings();
            }

            return new MerchantSettings
            {
                Enabled = reader.GetInt64(0) != 0,
                MaximumTransactionAmount = reader.IsDBNull(1) ? null : ParseMoney(reader.GetString(1)),
                MaximumOverdueDays = reader.IsDBNull(2) ? null : (int)reader.GetInt64(2),
                PaymentCutoffDate = reader.IsDBNull(3) ? null : ParseDate(reader.GetString(3)),
            };
        }
    }

    /// <summary>
    /// Imports payers from CSV (layout in the package README). Valid rows are saved, each in its own
    /// transaction; every bad row is reported with its row number and reason and changes nothing.
    /// </summary>
    public async Task<PayerImportResult> ImportPayersCsvAsync(TextReader csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var parsed = await PayerCsvParser.ParseAsync(csv, cancellationToken).ConfigureAwait(false);
        var errors = new List<PayerImportError>(parsed.Errors);
        var imported = new List<string>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var (row, payer) in parsed.Payers)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                try
                {
                    await SavePayerInTransactionAsync(connection, transaction, payer, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    imported.Add(payer.Id);
                }
                catch (ArgumentException ex)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    errors.Add(new PayerImportError(row, ex.Message.Split(" (Parameter", 2)[0]));
                }
            }
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new PayerImportResult(imported, errors);
    }

    /// <summary>The payment scheduled for an invoice (in any status), or null.</summary>
    public async Task<ScheduledPayment?> GetPaymentAsync(string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceId);
        var list = await ReadPaymentsAsync("WHERE psa_invoice_id = $a", [("$a", psaInvoiceId)], cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>
    /// Outstanding payments: every one not settled and not cancelled (scheduled, in flight, charged but not
    /// yet seen paid in accounting, or declined and waiting for a person), by scheduled date.
    /// </summary>
    public Task<IReadOnlyList<ScheduledPayment>> ListOutstandingAsync(CancellationToken cancellationToken = default) =>
        ReadPaymentsAsync("WHERE status NOT IN ('settled', 'cancelled') ORDER BY scheduled_date, psa_invoice_id", [], cancellationToken);

    /// <summary>Payments in one status, by scheduled date.</summary>
    public Task<IReadOnlyList<ScheduledPayment>> ListPaymentsAsync(ScheduledPaymentStatus status, CancellationToken cancellationToken = default) =>
        ReadPaymentsAsync("WHERE status = $s ORDER BY scheduled_date, psa_invoice_id", [("$s", StatusText(status))], cancellationToken);

    internal Task<IReadOnlyList<ScheduledPayment>> ListDueAsync(LocalDate asOf, long nowMs, CancellationToken cancellationToken) =>
        ReadPaymentsAsync(
            "WHERE (status = 'scheduled' AND scheduled_date <= $d) OR (status = 'processing' AND id IN (SELECT payment_id FROM pay_charge_attempts WHERE state = 'pending' AND lease_until_ms < $now)) ORDER BY scheduled_date, psa_invoice_id",
            [("$d", Date(asOf)), ("$now", nowMs)],
            cancellationToken);

    internal async Task<IReadOnlyList<ScheduledPayment>> ReadPaymentsAsync(string where, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadPaymentsAsync(connection, null, where, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<ScheduledPayment>> ReadPaymentsAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        using var select = Command(connection, transaction, $"SELECT {PaymentColumns} FROM pay_payments {where};");
        foreach (var (name, value) in parameters)
        {
            select.Parameters.AddWithValue(name, value);
        }

        var list = new List<ScheduledPayment>();
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ScheduledPayment(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4) == "primary" ? PaymentMethodRole.Primary : PaymentMethodRole.Secondary,
                reader.GetString(5), ParseMoney(reader.GetString(6)), reader.GetString(7), ParseDate(reader.GetString(8)),
                ParseStatus(reader.GetString(10)))
            {
                DueDate = reader.IsDBNull(9) ? null : ParseDate(reader.GetString(9)),
                Attempts = (int)reader.GetInt64(11),
                GatewayCode = reader.IsDBNull(12) ? null : reader.GetString(12),
                GatewayReference = reader.IsDBNull(13) ? null : reader.GetString(13),
                Message = reader.IsDBNull(14) ? null : reader.GetString(14),
                SettledDate = reader.IsDBNull(15) ? null : ParseDate(reader.GetString(15)),
                UpdatedAt = ParseStamp(reader.GetString(16)),
            });
        }

        return list;
    }

    /// <summary>
    /// Creates or updates the invoice's one payment, atomically. Only a scheduled or cancelled payment is
    /// changed; one in flight, charged, declined or settled is returned as it is.
    /// </summary>
    internal async Task<(ScheduledPayment Payment, bool Changed)> UpsertScheduledAsync(ScheduledPayment wanted, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var existing = (await ReadPaymentsAsync(connection, transaction, "WHERE psa_invoice_id = $a", [("$a", wanted.PsaInvoiceId)], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (existing is not null && existing.Status is not (ScheduledPaymentStatus.Scheduled or ScheduledPaymentStatus.Cancelled))
            {
                return (existing, false);
            }

            var now = Stamp(_clock.GetCurrentInstant());
            using var write = Command(connection, transaction, existing is null
                ? $"""
                  INSERT INTO pay_payments (id, psa_invoice_id, invoice_number, payer_id, method_role, method_display, amount, currency,
                      scheduled_date, due_date, status, message, created_at, updated_at)
                  VALUES ($id, $invoice, $number, $payer, $role, $display, $amount, $currency, $date, $due, 'scheduled', NULL, $now, $now);
                  """
                : """
                  UPDATE pay_payments SET invoice_number = $number, payer_id = $payer, method_role = $role, method_display = $display,
                      amount = $amount, currency = $currency, scheduled_date = $date, due_date = $due, status = 'scheduled',
                      message = NULL, updated_at = $now
                  WHERE id = $id;
                  """);
            var id = existing?.Id ?? wanted.Id;
            write.Parameters.AddWithValue("$id", id);
            write.Parameters.AddWithValue("$invoice", wanted.PsaInvoiceId);
            write.Parameters.AddWithValue("$number", wanted.InvoiceNumber);
            write.Parameters.AddWithValue("$payer", wanted.PayerId);
            write.Parameters.AddWithValue("$role", RoleText(wanted.MethodRole));
            write.Parameters.AddWithValue("$display", wanted.MethodDisplay);
            write.Parameters.AddWithValue("$amount", Money(wanted.Amount));
            write.Parameters.AddWithValue("$currency", wanted.Currency);
            write.Parameters.AddWithValue("$date", Date(wanted.ScheduledDate));
            write.Parameters.AddWithValue("$due", DbValue(wanted.DueDate is { } d ? Date(d) : null));
            write.Parameters.AddWithValue("$now", now);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var saved = (await ReadPaymentsAsync(connection, transaction, "WHERE id = $a", [("$a", id)], cancellationToken).ConfigureAwait(false))[0];
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            var changed = existing is null || existing.Status != saved.Status || existing.Amount != saved.Amount
                || existing.ScheduledDate != saved.ScheduledDate || existing.MethodDisplay != saved.MethodDisplay || existing.Currency != saved.Currency;
            return (saved, changed);
        }
    }

    /// <summary>Cancels the invoice's payment when it is still waiting; returns whether one was cancelled.</summary>
    internal async Task<bool> CancelAsync(string psaInvoiceId, string message, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var update = Command(connection, null, "UPDATE pay_payments SET status = 'cancelled', message = $m, updated_at = $now WHERE psa_invoice_id = $a AND status IN ('scheduled', 'declined');");
            update.Parameters.AddWithValue("$a", psaInvoiceId);
            update.Parameters.AddWithValue("$m", message);
            update.Parameters.AddWithValue("$now", Stamp(_clock.GetCurrentInstant()));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <summary>Marks the invoice's payment settled (whatever its status but cancelled); returns whether there was one.</summary>
    internal async Task<bool> SettleAsync(string psaInvoiceId, LocalDate paidDate, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var update = Command(connection, null, "UPDATE pay_payments SET status = 'settled', settled_date = $d, updated_at = $now WHERE psa_invoice_id = $a AND status NOT IN ('settled', 'cancelled');");
            update.Parameters.AddWithValue("$a", psaInvoiceId);
            update.Parameters.AddWithValue("$d", Date(paidDate));
            update.Parameters.AddWithValue("$now", Stamp(_clock.GetCurrentInstant()));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <summary>
    /// Claims a due payment for one charge attempt. In one IMMEDIATE transaction: a scheduled payment gets a new
    /// attempt row (the claim, with a fresh idempotency key) and turns processing; a processing payment whose
    /// attempt's lease ran out is taken over with the SAME key, so the gateway answers it without charging twice.
    /// Null when another processor holds it or it is no longer due.
    /// </summary>
    internal async Task<ChargeClaim?> ClaimAsync(string paymentId, LocalDate asOf, string owner, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var payment = (await ReadPaymentsAsync(connection, transaction, "WHERE id = $a", [("$a", paymentId)], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (payment is null)
            {
                return null;
            }

            var nowMs = now.ToUnixTimeMilliseconds();
            var leaseUntil = (now + lease).ToUnixTimeMilliseconds();
            string key;
            int attempt;
            if (payment.Status == ScheduledPaymentStatus.Scheduled && payment.ScheduledDate <= asOf)
            {
                attempt = payment.Attempts + 1;
                key = $"wisepay-{payment.Id}-{attempt}";
                using var insert = Command(connection, transaction, """
                    INSERT INTO pay_charge_attempts (idempotency_key, payment_id, attempt, amount, state, owner, lease_until_ms, started_at)
                    VALUES ($key, $id, $attempt, $amount, 'pending', $owner, $lease, $now);
                    UPDATE pay_payments SET status = 'processing', attempts = $attempt, updated_at = $now WHERE id = $id;
                    """);
                insert.Parameters.AddWithValue("$key", key);
                insert.Parameters.AddWithValue("$id", payment.Id);
                insert.Parameters.AddWithValue("$attempt", attempt);
                insert.Parameters.AddWithValue("$amount", Money(payment.Amount));
                insert.Parameters.AddWithValue("$owner", owner);
                insert.Parameters.AddWithValue("$lease", leaseUntil);
                insert.Parameters.AddWithValue("$now", Stamp(now));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (payment.Status == ScheduledPaymentStatus.Processing)
            {
                using var takeOver = Command(connection, transaction, """
                    UPDATE pay_charge_attempts SET owner = $owner, lease_until_ms = $lease
                    WHERE payment_id = $id AND state = 'pending' AND lease_until_ms < $nowMs
                    RETURNING idempotency_key, attempt;
                    """);
                takeOver.Parameters.AddWithValue("$owner", owner);
                takeOver.Parameters.AddWithValue("$lease", leaseUntil);
                takeOver.Parameters.AddWithValue("$id", payment.Id);
                takeOver.Parameters.AddWithValue("$nowMs", nowMs);
                using var reader = await takeOver.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                key = reader.GetString(0);
                attempt = (int)reader.GetInt64(1);
            }
            else
            {
                return null;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ChargeClaim(payment with { Status = ScheduledPaymentStatus.Processing, Attempts = attempt }, key, attempt);
        }
    }

    /// <summary>Records the gateway's answer for a claim this owner still holds; false when the claim was lost.</summary>
    internal async Task<bool> RecordAnswerAsync(ChargeClaim claim, string owner, PaymentChargeResponse response, Instant now, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var attempt = Command(connection, transaction, """
                UPDATE pay_charge_attempts SET state = $state, gateway_code = $code, gateway_reference = $ref, finished_at = $now
                WHERE idempotency_key = $key AND owner = $owner AND state = 'pending';
                """);
            attempt.Parameters.AddWithValue("$state", response.Approved ? "approved" : "declined");
            attempt.Parameters.AddWithValue("$code", response.Code);
            attempt.Parameters.AddWithValue("$ref", DbValue(response.Reference));
            attempt.Parameters.AddWithValue("$now", Stamp(now));
            attempt.Parameters.AddWithValue("$key", claim.IdempotencyKey);
            attempt.Parameters.AddWithValue("$owner", owner);
            if (await attempt.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }

            // A payment settled meanwhile stays settled; the attempt row still tells what the gateway did.
            using var payment = Command(connection, transaction, """
                UPDATE pay_payments SET status = $status, gateway_code = $code, gateway_reference = $ref, message = $message, updated_at = $now
                WHERE id = $id AND status = 'processing';
                """);
            payment.Parameters.AddWithValue("$status", response.Approved ? "charged" : "declined");
            payment.Parameters.AddWithValue("$code", response.Code);
            payment.Parameters.AddWithValue("$ref", DbValue(response.Reference));
            payment.Parameters.AddWithValue("$message", DbValue(Blank(response.Message)));
            payment.Parameters.AddWithValue("$now", Stamp(now));
            payment.Parameters.AddWithValue("$id", claim.Payment.Id);
            await payment.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>Puts a declined payment back in the queue for <paramref name="on"/>, optionally on the other method.</summary>
    internal async Task<ScheduledPayment?> RetryDeclinedAsync(string psaInvoiceId, LocalDate on, PaymentMethodRole? role, string? display, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var update = Command(connection, transaction, """
                UPDATE pay_payments SET status = 'scheduled', scheduled_date = $d, method_role = coalesce($role, method_role),
                    method_display = coalesce($display, method_display), message = NULL, updated_at = $now
                WHERE psa_invoice_id = $a AND status = 'declined';
                """);
            update.Parameters.AddWithValue("$d", Date(on));
            update.Parameters.AddWithValue("$role", DbValue(role is { } r ? RoleText(r) : null));
            update.Parameters.AddWithValue("$display", DbValue(display));
            update.Parameters.AddWithValue("$now", Stamp(_clock.GetCurrentInstant()));
            update.Parameters.AddWithValue("$a", psaInvoiceId);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            var saved = (await ReadPaymentsAsync(connection, transaction, "WHERE psa_invoice_id = $a", [("$a", psaInvoiceId)], cancellationToken).ConfigureAwait(false))[0];
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return saved;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string RoleText(PaymentMethodRole role) => role == PaymentMethodRole.Primary ? "primary" : "secondary";

    private static string StatusText(ScheduledPaymentStatus status) => status.ToString().ToLowerInvariant();

    private static ScheduledPaymentStatus ParseStatus(string text) => Enum.Parse<ScheduledPaymentStatus>(text, ignoreCase: true);
}
