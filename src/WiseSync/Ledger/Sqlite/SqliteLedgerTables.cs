using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>The ledger's table groups on one SQLite file.</summary>
internal static class SqliteLedgerTables
{
    public static LedgerTables Create(SqliteDatabase database, IClock clock) => new(
        new SqliteLeaseTable(database, clock),
        new SqliteBatchTable(database),
        new SqliteEntryTable(database),
        new SqliteInvoiceMappingTable(database),
        new SqliteCustomerMappingTable(database),
        new SqliteIntentTable(database),
        new SqliteFailedPsaWriteTable(database),
        new SqliteWatermarkTable(database),
        new SqliteDocumentNumberTable(database));
}
