using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

/// <summary>Checks the data annotations of the ledger's options on start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SqliteLedgerOptionsValidator : IValidateOptions<SqliteLedgerOptions>
{
}
