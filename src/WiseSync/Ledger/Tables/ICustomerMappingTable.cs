namespace WiseSync.Ledger.Tables;

/// <summary>PSA company to accounting customer mappings. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface ICustomerMappingTable
{
    Task<IReadOnlyDictionary<string, CustomerMapping>> GetCustomerMappingsAsync(string connection, IReadOnlyCollection<string> psaCompanyIds, CancellationToken cancellationToken);

    Task SaveCustomerMappingAsync(CustomerMapping mapping, CancellationToken cancellationToken);

    Task<bool> DeleteCustomerMappingAsync(string connection, string psaCompanyId, CancellationToken cancellationToken);
}
