using Microsoft.Data.Sqlite;
using WiseSync.Ledger.Sqlite;

namespace WiseSync.Pay.Internal;

/// <summary>Table <c>pay_payments</c>: each posted invoice's one scheduled payment.</summary>
internal sealed class ScheduledPaymentTable(SqliteDatabase database, IClock clock) : PayTable(database, clock)
{
    private const string PaymentColumns =
        "id, psa_invoice_id, invoice_number, payer_id, method_role, method_display, amount, currency, scheduled_date, " +
        "due_date, status, attempts, gateway_code, gateway_reference, message, settled_date, updated_at";

    public async Task<ScheduledPayment?> GetPaymentAsync(string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceId);
        var list = await ReadPaymentsAsync("WHERE psa_invoice_id = $a", [("$a", psaInvoiceId)], cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<ScheduledPayment>> ListOutstandingAsync(CancellationToken cancellationToken = default) =>
        ReadPaymentsAsync("WHERE status NOT IN ('settled', 'cancelled') ORDER BY scheduled_date, psa_invoice_id", [], cancellationToken);

    public Task<IReadOnlyList<ScheduledPayment>> ListPaymentsAsync(ScheduledPaymentStatus status, CancellationToken cancellationToken = default) =>
        ReadPaymentsAsync("WHERE status = $s ORDER BY scheduled_date, psa_invoice_id", [("$s", StatusText(status))], cancellationToken);

    internal Task<IReadOnlyList<ScheduledPayment>> ListDueAsync(LocalDate asOf, long nowMs, CancellationToken cancellationToken) =>
        ReadPaymentsAsync(
            "WHERE (status = 'scheduled' AND scheduled_date <= $d) OR (status = 'processing' AND id IN (SELECT payment_id FROM pay_charge_attempts WHERE state = 'pending' AND lease_until_ms < $now)) ORDER BY scheduled_date, psa_invoice_id",
            [("$d", Date(asOf)), ("$now", nowMs)],
            cancellationToken);

    internal async Task<IReadOnlyList<ScheduledPayment>> ReadPaymentsAsync(string where, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadPaymentsAsync(connection, null, where, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<IReadOnlyList<ScheduledPayment>> ReadPaymentsAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
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
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var existing = (await ReadPaymentsAsync(connection, transaction, "WHERE psa_invoice_id = $a", [("$a", wanted.PsaInvoiceId)], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (existing is not null && existing.Status is not (ScheduledPaymentStatus.Scheduled or ScheduledPaymentStatus.Cancelled))
            {
                return (existing, false);
            }

            var now = NowStamp();
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
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var update = Command(connection, null, "UPDATE pay_payments SET status = 'cancelled', message = $m, updated_at = $now WHERE psa_invoice_id = $a AND status IN ('scheduled', 'declined');");
            update.Parameters.AddWithValue("$a", psaInvoiceId);
            update.Parameters.AddWithValue("$m", message);
            update.Parameters.AddWithValue("$now", NowStamp());
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <summary>Marks the invoice's payment settled (whatever its status but cancelled); returns whether there was one.</summary>
    internal async Task<bool> SettleAsync(string psaInvoiceId, LocalDate paidDate, CancellationToken cancellationToken)
    {
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var update = Command(connection, null, "UPDATE pay_payments SET status = 'settled', settled_date = $d, updated_at = $now WHERE psa_invoice_id = $a AND status NOT IN ('settled', 'cancelled');");
            update.Parameters.AddWithValue("$a", psaInvoiceId);
            update.Parameters.AddWithValue("$d", Date(paidDate));
            update.Parameters.AddWithValue("$now", NowStamp());
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <summary>Puts a declined payment back in the queue for <paramref name="on"/>, optionally on the other method.</summary>
    internal async Task<ScheduledPayment?> RetryDeclinedAsync(string psaInvoiceId, LocalDate on, PaymentMethodRole? role, string? display, CancellationToken cancellationToken)
    {
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            update.Parameters.AddWithValue("$now", NowStamp());
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
}
