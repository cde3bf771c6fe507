using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

/// <summary>
/// Runs a source-generated options validator and names the connection in each of its failures, as the hand-written
/// rules do: with several connections of one vendor, "ClientId is required" alone does not say where.
/// </summary>
internal sealed class ConnectionNamedOptionsValidator<TOptions, TAttributesValidator>(TAttributesValidator attributes) : IValidateOptions<TOptions>
    where TOptions : class
    where TAttributesValidator : class, IValidateOptions<TOptions>
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = attributes.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures!.Select(failure => $"{typeof(TOptions).Name} of connection '{name}': {failure}"))
            : result;
    }
}
