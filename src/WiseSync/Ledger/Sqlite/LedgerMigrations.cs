namespace WiseSync.Ledger.Sqlite;

/// <summary>
/// The engine's migrations, applied in order on open and recorded in <c>schema_migrations</c>.
/// Never edit a shipped migration; add the next number. Tables of other packages are never touched.
/// </summary>
internal static class LedgerMigrations
{
    public static SqliteSchema Schema { get; } = new("schema_migrations", "description",
    [
        new(1, "batches, entries, mappings, intents, leases, watermarks, document numbers, tokens", """
            CREATE TABLE batches (
                id TEXT PRIMARY KEY,
                connection TEXT NOT NULL,
                action TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER NULL,
                invoices INTEGER NOT NULL DEFAULT 0,
                success INTEGER NOT NULL DEFAULT 0,
                warning INTEGER NOT NULL DEFAULT 0,
                error INTEGER NOT NULL DEFAULT 0,
                stopped_reason TEXT NULL
            );
            CREATE INDEX ix_batches_connection ON batches (connection, started_at);

            CREATE TABLE entries (
                batch_id TEXT NOT NULL,
                psa_invoice_id TEXT NOT NULL,
                number TEXT NOT NULL,
                status TEXT NOT NULL,
                messages TEXT NOT NULL,
                recorded_at INTEGER NOT NULL,
                company_name TEXT NULL,
                total TEXT NULL,
                psa_marked INTEGER NOT NULL DEFAULT 0,
                accounting_invoice_id TEXT NULL,
                accounting_number TEXT NULL,
                accounting_url TEXT NULL,
                payment TEXT NULL,
                payment_message TEXT NULL,
                PRIMARY KEY (batch_id, psa_invoice_id)
            );
            CREATE INDEX ix_entries_invoice ON entries (psa_invoice_id);

            CREATE TABLE invoice_mappings (
                connection TEXT NOT NULL,
                psa_invoice_id TEXT NOT NULL,
                psa_number TEXT NOT NULL,
                accounting_invoice_id TEXT NOT NULL,
                accounting_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                customer_id TEXT NULL,
                total TEXT NULL,
                paid_date TEXT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (connection, psa_invoice_id)
            );

            CREATE TABLE customer_mappings (
                connection TEXT NOT NULL,
                psa_company_id TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                customer_name TEXT NULL,
                is_manual INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (connection, psa_company_id)
            );

            CREATE TABLE intents (
                connection TEXT NOT NULL,
                psa_invoice_id TEXT NOT NULL,
                batch_id TEXT NOT NULL,
                document_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                payload_hash TEXT NOT NULL,
                state TEXT NOT NULL,
                psa_number TEXT NULL,
                accounting_invoice_id TEXT NULL,
                is_update INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (connection, psa_invoice_id)
            );

            CREATE TABLE leases (
                connection TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at INTEGER NOT NULL
            );

            CREATE TABLE watermarks (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );

            CREATE TABLE document_numbers (
                connection TEXT NOT NULL,
                original_number TEXT NOT NULL,
                short_number TEXT NOT NULL,
                PRIMARY KEY (connection, original_number),
                UNIQUE (connection, short_number)
            );

            CREATE TABLE tokens (
                provider TEXT NOT NULL,
                tenant TEXT NOT NULL,
                access_token TEXT NULL,
                refresh_token TEXT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (provider, tenant)
            );
            """),
        new(2, "batch deletion state, PSA writes refused in earlier runs (orphans)", """
            ALTER TABLE batches ADD COLUMN deleting_at INTEGER NULL;

            CREATE TABLE failed_psa_writes (
                connection TEXT NOT NULL,
                psa_invoice_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                failed_runs INTEGER NOT NULL,
                last_error TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                psa_number TEXT NULL,
                accounting_invoice_id TEXT NULL,
                accounting_number TEXT NULL,
                orphaned_at INTEGER NULL,
                PRIMARY KEY (connection, psa_invoice_id, kind)
            );
            """),
        new(3, "tokens: the previous refresh token and until when it may be presented", """
            ALTER TABLE tokens ADD COLUMN previous_refresh_token TEXT NULL;
            ALTER TABLE tokens ADD COLUMN previous_usable_until INTEGER NULL;
            """),
    ]);
}
