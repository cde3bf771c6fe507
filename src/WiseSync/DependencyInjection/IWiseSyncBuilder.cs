using Microsoft.Extensions.DependencyInjection;

namespace WiseSync;

/// <summary>
/// Configures one WiseSync connection (a PSA tenant + an accounting tenant + an optional payment scheduler).
/// Providers add themselves with extension methods such as <c>AddAutotask()</c> or <c>AddXero()</c>.
/// </summary>
/// <remarks>
/// Convention for providers: register the <see cref="IPsaSource"/>, <see cref="IAccountingSink"/> or
/// <see cref="IPaymentScheduler"/> as a keyed service whose key is <see cref="Name"/>, and bind options as
/// named options with the same name.
/// </remarks>
public interface IWiseSyncBuilder
{
    /// <summary>The connection name (<see cref="WiseSyncDefaults.ConnectionName"/> for the default connection).</summary>
    string Name { get; }

    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}

/// <summary>Well-known defaults.</summary>
public static class WiseSyncDefaults
{
    /// <summary>The name of the connection registered by <c>AddWiseSync()</c> without a name.</summary>
    public const string ConnectionName = "default";
}
