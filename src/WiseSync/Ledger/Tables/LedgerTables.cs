namespace WiseSync.Ledger.Tables;

/// <summary>The ledger's table groups of one storage engine, each behind its engine-neutral interface.</summary>
internal sealed record LedgerTables(
    ILeaseTable Leases,
    IBatchTable Batches,
    IEntryTable Entries,
    IInvoiceMappingTable InvoiceMappings,
    ICustomerMappingTable CustomerMappings,
    IIntentTable Intents,
    IFailedPsaWriteTable FailedPsaWrites,
    IWatermarkTable Watermarks,
    IDocumentNumberTable DocumentNumbers);
