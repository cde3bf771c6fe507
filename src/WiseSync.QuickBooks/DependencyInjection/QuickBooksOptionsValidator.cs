using Microsoft.Extensions.Options;

namespace WiseSync.QuickBooks.DependencyInjection;

/// <summary>Checks the data annotations of a connection's <see cref="QuickBooksOptions"/> at start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class QuickBooksOptionsValidator : IValidateOptions<QuickBooksOptions>
{
}
