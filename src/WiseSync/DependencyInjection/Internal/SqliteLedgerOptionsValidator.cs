using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

internal sealed class SqliteLedgerOptionsValidator : IValidateOptions<SqliteLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteLedgerOptions options) =>
        string.IsNullOrWhiteSpace(options.DatabasePath)
            ? ValidateOptionsResult.Fail("WiseSync: Ledger:DatabasePath is required (the SQLite ledger file).")
            : ValidateOptionsResult.Success;
}
