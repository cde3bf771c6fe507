using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>document_numbers</c>: the short number given to a PSA number too long for the accounting system.</summary>
internal sealed class SqliteDocumentNumberTable(SqliteDatabase database) : SqliteTable(database), IDocumentNumberTable
{
    private const string ByOriginal = "SELECT connection, original_number, short_number FROM document_numbers WHERE connection = $c AND original_number = $o;";

    public async Task<DocumentNumberMapping?> GetDocumentNumberAsync(string connection, string originalNumber, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(ByOriginal, ReadDocumentNumber, cancellationToken, ("$c", connection), ("$o", originalNumber)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<DocumentNumberMapping> TrySaveDocumentNumberAsync(DocumentNumberMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, tx, "INSERT OR IGNORE INTO document_numbers (connection, original_number, short_number) VALUES ($c, $o, $s);",
            cancellationToken, ("$c", mapping.Connection), ("$o", mapping.OriginalNumber), ("$s", mapping.ShortNumber)).ConfigureAwait(false);
        await using var read = Command(db, tx, "SELECT connection, original_number, short_number FROM document_numbers WHERE connection = $c AND short_number = $s;",
            ("$c", mapping.Connection), ("$s", mapping.ShortNumber));
        DocumentNumberMapping stored;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDocumentNumber(reader) : mapping;
        }

        if (stored == mapping)
        {
            // Either inserted now, or the original already owned another short number (a concurrent run): return what is stored.
            await using var byOriginal = Command(db, tx, ByOriginal, ("$c", mapping.Connection), ("$o", mapping.OriginalNumber));
            await using var reader = await byOriginal.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored = ReadDocumentNumber(reader);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static DocumentNumberMapping ReadDocumentNumber(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));
}
