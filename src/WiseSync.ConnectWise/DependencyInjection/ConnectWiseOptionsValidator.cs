using Microsoft.Extensions.Options;

namespace WiseSync.ConnectWise;

/// <summary>Checks the data annotations of a connection's settings at start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class ConnectWiseOptionsValidator : IValidateOptions<ConnectWiseOptions>
{
}
