using Microsoft.Data.Sqlite;
using WiseSync.Ledger.Sqlite;

namespace WiseSync.Pay.Internal;

/// <summary>Table <c>pay_merchant</c>: the merchant's one row of settings.</summary>
internal sealed class MerchantSettingsTable(SqliteDatabase database, IClock clock) : PayTable(database, clock)
{
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

        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            upsert.Parameters.AddWithValue("$now", NowStamp());
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<MerchantSettings> GetMerchantSettingsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
}
