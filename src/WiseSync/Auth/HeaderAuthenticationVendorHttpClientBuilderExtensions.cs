using WiseSync.Auth.Internal;
using WiseSync.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds fixed credential headers (Autotask's UserName/Secret, ConnectWise's Basic + clientId) to a vendor client.</summary>
public static partial class HeaderAuthenticationVendorHttpClientBuilderExtensions
{
    /// <summary>
    /// Sets the headers <paramref name="headers"/> returns on every attempt. Every header named in
    /// <paramref name="secretHeaders"/> (and Authorization) is masked in logs, and its value redacted from any text.
    /// </summary>
    public static IVendorHttpClientBuilder AddHeaderAuthentication(this IVendorHttpClientBuilder builder,
        Func<IServiceProvider, IReadOnlyDictionary<string, string>> headers, params string[] secretHeaders)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(secretHeaders);
        builder.HttpClientBuilder.AddHttpMessageHandler(provider =>
        {
            var redactor = provider.GetRequiredService<SecretRedactor>();
            var values = headers(provider);
            foreach (var name in secretHeaders)
            {
                redactor.AddSecretHeader(name);
            }

            foreach (var (name, value) in values)
            {
                if (redactor.IsSecretHeader(name))
                {
                    redactor.AddSecret(value);
                }
            }

            return new HeaderAuthenticationHandler(values);
        });
        return builder;
    }
}
