using Microsoft.Extensions.DependencyInjection;

namespace WiseSync.Http;

/// <summary>A vendor client registered for one connection; add its authentication next.</summary>
public interface IVendorHttpClientBuilder
{
    /// <summary>The vendor ("xero").</summary>
    string Vendor { get; }

    /// <summary>The connection name (the key of the typed client).</summary>
    string ConnectionName { get; }

    /// <summary>The IHttpClientFactory name and the options name: see <see cref="VendorHttpClientNames.For"/>.</summary>
    string ClientName { get; }

    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }

    /// <summary>The underlying client builder; handlers added here run after (inside) authentication's.</summary>
    IHttpClientBuilder HttpClientBuilder { get; }
}
