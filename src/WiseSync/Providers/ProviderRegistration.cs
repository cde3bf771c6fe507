using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiseSync.Http;

namespace WiseSync.Providers;

/// <summary>The start every provider's <c>Add&lt;Vendor&gt;()</c> shares: its options validated on start, then its typed client.</summary>
internal static class ProviderRegistration
{
    /// <summary>
    /// Validates the connection's <typeparamref name="TOptions"/> on start and registers <typeparamref name="TClient"/> on the
    /// shared HTTP pipeline, its <see cref="VendorHttpOptions"/> set by <paramref name="configureHttp"/>.
    /// </summary>
    /// <returns>The client's builder, to add authentication.</returns>
    public static IVendorHttpClientBuilder AddProvider<TOptions, TAttributesValidator, TRulesValidator, TClient>(this IWiseSyncBuilder builder, string vendor, Action<VendorHttpOptions, TOptions> configureHttp)
        where TOptions : class
        where TAttributesValidator : class, IValidateOptions<TOptions>
        where TRulesValidator : class, IValidateOptions<TOptions>
        where TClient : class =>
        builder.ValidateProviderOptions<TOptions, TAttributesValidator, TRulesValidator>()
            .AddProviderHttpClient<TOptions, TClient>(vendor, configureHttp);
}
