using Microsoft.Extensions.Options;

namespace WiseSync.Pay;

[OptionsValidator]
internal sealed partial class WisePayOptionsValidator : IValidateOptions<WisePayOptions>
{
}
