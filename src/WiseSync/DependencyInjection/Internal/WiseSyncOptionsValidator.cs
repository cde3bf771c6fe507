using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

/// <summary>Checks the data annotations of a connection's options on start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class WiseSyncOptionsValidator : IValidateOptions<WiseSyncOptions>
{
}
