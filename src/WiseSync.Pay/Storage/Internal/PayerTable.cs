using Microsoft.Data.Sqlite;
using WiseSync.Ledger.Sqlite;

namespace WiseSync.Pay.Internal;

/// <summary>Tables <c>pay_payers</c>, <c>pay_methods</c> and <c>pay_terms</c>: payers with their masked methods and auto-pay terms.</summary>
internal sealed class PayerTable(SqliteDatabase database, IClock clock) : PayTable(database, clock)
{
    public async Task SavePayerAsync(Payer payer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payer);
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            upsert.Parameters.AddWithValue("$now", NowStamp());
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

    public async Task<Payer?> GetPayerAsync(string payerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payerId);
        var payers = await ReadPayersAsync("WHERE p.id = $key", payerId.Trim(), null, cancellationToken).ConfigureAwait(false);
        return payers.Count == 0 ? null : payers[0];
    }

    public Task<IReadOnlyList<Payer>> ListPayersAsync(CancellationToken cancellationToken = default) =>
        ReadPayersAsync(string.Empty, null, null, cancellationToken);

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
        var connection = shared ?? await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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

    public async Task<PayerImportResult> ImportPayersCsvAsync(TextReader csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var parsed = await PayerCsvParser.ParseAsync(csv, cancellationToken).ConfigureAwait(false);
        var errors = new List<PayerImportError>(parsed.Errors);
        var imported = new List<string>();
        var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
}
