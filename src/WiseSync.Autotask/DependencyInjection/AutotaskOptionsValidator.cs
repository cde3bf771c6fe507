using Microsoft.Extensions.Options;

namespace WiseSync.Autotask.DependencyInjection;

/// <summary>Checks the data annotations of an Autotask connection's settings on start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class AutotaskOptionsValidator : IValidateOptions<AutotaskOptions>
{
}
