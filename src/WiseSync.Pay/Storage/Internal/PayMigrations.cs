using WiseSync.Ledger.Sqlite;

namespace WiseSync.Pay.Internal;

/// <summary>
/// Wise-Pay's schema, as numbered migrations recorded in <c>pay_schema_migrations</c>. Append only: a shipped
/// migration is never edited. Every table starts with <c>pay_</c> because the file is shared with the ledger.
/// </summary>
internal static class PayMigrations
{
    public static SqliteSchema Schema { get; } = new("pay_schema_migrations", "name",
    [
        new(1, "payers, methods, terms, merchant, payments, charge attempts", """
            CREATE TABLE pay_merchant (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                enabled INTEGER NOT NULL,
                max_amount TEXT NULL,
                max_overdue_days INTEGER NULL,
                cutoff_date TEXT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE pay_payers (
                id TEXT PRIMARY KEY,
                psa_company_id TEXT NOT NULL UNIQUE,
                accounting_customer_id TEXT NULL,
                name TEXT NULL,
                active INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX pay_payers_accounting_customer ON pay_payers (accounting_customer_id);
            CREATE TABLE pay_methods (
                payer_id TEXT NOT NULL REFERENCES pay_payers (id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
                kind TEXT NOT NULL CHECK (kind IN ('card', 'bank_account')),
                label TEXT NOT NULL,
                last4 TEXT NOT NULL CHECK (length(last4) = 4),
                PRIMARY KEY (payer_id, role)
            );
            CREATE TABLE pay_terms (
                payer_id TEXT NOT NULL REFERENCES pay_payers (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                terms TEXT NOT NULL,
                timing TEXT NOT NULL CHECK (timing IN ('due', 'after', 'day')),
                value INTEGER NOT NULL,
                PRIMARY KEY (payer_id, position)
            );
            CREATE TABLE pay_payments (
                id TEXT PRIMARY KEY,
                psa_invoice_id TEXT NOT NULL UNIQUE,
                invoice_number TEXT NOT NULL,
                payer_id TEXT NOT NULL,
                method_role TEXT NOT NULL,
                method_display TEXT NOT NULL,
                amount TEXT NOT NULL,
                currency TEXT NOT NULL,
                scheduled_date TEXT NOT NULL,
                due_date TEXT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                gateway_code TEXT NULL,
                gateway_reference TEXT NULL,
                message TEXT NULL,
                settled_date TEXT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX pay_payments_due ON pay_payments (status, scheduled_date);
            CREATE TABLE pay_charge_attempts (
                idempotency_key TEXT PRIMARY KEY,
                payment_id TEXT NOT NULL REFERENCES pay_payments (id),
                attempt INTEGER NOT NULL,
                amount TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
                owner TEXT NOT NULL,
                lease_until_ms INTEGER NOT NULL,
                gateway_code TEXT NULL,
                gateway_reference TEXT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NULL,
                UNIQUE (payment_id, attempt)
            );
            """),
    ]);
}
