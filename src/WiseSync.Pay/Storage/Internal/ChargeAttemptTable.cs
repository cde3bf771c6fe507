using Microsoft.Data.Sqlite;
using WiseSync.Ledger.Sqlite;

namespace WiseSync.Pay.Internal;

/// <summary>Table <c>pay_charge_attempts</c>: claims of due payments and the gateway's answers, one idempotency key per attempt.</summary>
internal sealed class ChargeAttemptTable(SqliteDatabase database, IClock clock) : PayTable(database, clock)
{
    /// <summary>
    /// Claims a due payment for one charge attempt. In one IMMEDIATE transaction: a scheduled payment gets a new
    /// attempt row (the claim, with a fresh idempotency key) and turns processing; a processing payment whose
    /// attempt's lease ran out is taken over with the SAME key, so the gateway answers it without charging twice.
    /// Null when another processor holds it or it is no longer due.
    /// </summary>
    internal async Task<ChargeClaim?> ClaimAsync(string paymentId, LocalDate asOf, string owner, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var payment = (await ScheduledPaymentTable.ReadPaymentsAsync(connection, transaction, "WHERE id = $a", [("$a", paymentId)], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
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
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
}
