using Microsoft.Extensions.DependencyInjection;

namespace WiseSync.Http.Internal;

internal sealed record VendorHttpClientBuilder(string Vendor, string ConnectionName, string ClientName, IServiceCollection Services, IHttpClientBuilder HttpClientBuilder)
    : IVendorHttpClientBuilder;
