using Microsoft.Extensions.Options;

namespace WiseSync.Xero.DependencyInjection;

/// <summary>Checks the data annotations of a connection's <see cref="XeroOptions"/> at start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class XeroOptionsValidator : IValidateOptions<XeroOptions>
{
}
