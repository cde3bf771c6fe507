namespace WiseSync.Ledger.Tables;

/// <summary>PSA invoice to accounting document mappings; written together with their intents. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IInvoiceMappingTable
{
    Task<IReadOnlyDictionary<string, InvoiceMapping>> GetInvoiceMappingsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken);

    Task SaveInvoiceMappingAsync(InvoiceMapping mapping, CancellationToken cancellationToken);

    Task SaveWrittenAsync(IReadOnlyList<InvoiceMapping> mappings, IReadOnlyList<SyncIntent> writtenIntents, CancellationToken cancellationToken);

    Task<IReadOnlyList<InvoiceMapping>> GetUnpaidInvoiceMappingsAsync(string connection, CancellationToken cancellationToken);
}
