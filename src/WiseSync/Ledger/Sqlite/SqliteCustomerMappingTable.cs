using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>customer_mappings</c>: which accounting customer each PSA company is.</summary>
internal sealed class SqliteCustomerMappingTable(SqliteDatabase database) : SqliteTable(database), ICustomerMappingTable
{
    public async Task<IReadOnlyDictionary<string, CustomerMapping>> GetCustomerMappingsAsync(string connection, IReadOnlyCollection<string> psaCompanyIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, CustomerMapping>(StringComparer.Ordinal);
        await QueryByKeysAsync(psaCompanyIds, list => $"""
            SELECT connection, psa_company_id, customer_id, customer_name, is_manual, updated_at
            FROM customer_mappings WHERE connection = $c AND psa_company_id IN ({list});
            """, ReadCustomerMapping, row => result[row.PsaCompanyId] = row, cancellationToken, ("$c", connection)).ConfigureAwait(false);
        return result;
    }

    public Task SaveCustomerMappingAsync(CustomerMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return ExecuteOnceAsync("""
            INSERT INTO customer_mappings (connection, psa_company_id, customer_id, customer_name, is_manual, updated_at)
            VALUES ($c, $p, $cu, $n, $m, $u)
            ON CONFLICT (connection, psa_company_id) DO UPDATE SET customer_id = excluded.customer_id,
                customer_name = excluded.customer_name, is_manual = excluded.is_manual, updated_at = excluded.updated_at;
            """, cancellationToken,
            ("$c", mapping.Connection), ("$p", mapping.PsaCompanyId), ("$cu", mapping.AccountingCustomerId),
            ("$n", mapping.AccountingCustomerName), ("$m", mapping.IsManual ? 1 : 0), ("$u", mapping.UpdatedAt.ToUnixTimeTicks()));
    }

    public async Task<bool> DeleteCustomerMappingAsync(string connection, string psaCompanyId, CancellationToken cancellationToken) =>
        await ExecuteOnceAsync("DELETE FROM customer_mappings WHERE connection = $c AND psa_company_id = $p;", cancellationToken,
            ("$c", connection), ("$p", psaCompanyId)).ConfigureAwait(false) > 0;

    private static CustomerMapping ReadCustomerMapping(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Instant.FromUnixTimeTicks(r.GetInt64(5)))
        {
            AccountingCustomerName = NullableString(r, 3),
            IsManual = r.GetInt32(4) != 0,
        };
}
