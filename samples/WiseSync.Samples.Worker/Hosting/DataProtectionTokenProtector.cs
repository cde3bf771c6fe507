using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using WiseSync;

namespace WiseSync.Samples.Worker.Hosting;

/// <summary>
/// Protects the OAuth tokens in the ledger with ASP.NET Core Data Protection: the engine's <see cref="ITokenProtector"/>
/// seam, filled by a host that has Data Protection, so the engine itself never references ASP.NET. A ledger copied away
/// from its key ring holds nothing usable.
/// </summary>
internal sealed class DataProtectionTokenProtector(IDataProtectionProvider provider) : ITokenProtector
{
    /// <summary>The purpose string: tokens protected for it cannot be unprotected by any other protector of the host.</summary>
    public const string Purpose = "WiseSync.OAuthTokens.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>Stored with every value (<c>protected:aspnet-dp:…</c>).</summary>
    public string? Name => "aspnet-dp";

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}

/// <summary>Registers <see cref="DataProtectionTokenProtector"/>.</summary>
internal static class DataProtectionTokenProtectorExtensions
{
    /// <summary>
    /// Adds Data Protection (application name <c>WiseSync</c>, keys in <paramref name="keysFolder"/> when given, else the
    /// platform default) and makes it the token protector of the SQLite token store.
    /// </summary>
    /// <remarks>
    /// On Linux the default key ring is a folder in the user's home and its keys are not encrypted at rest: a production
    /// host also protects the keys (<c>ProtectKeysWithCertificate</c>, a key vault) and keeps them apart from the ledger.
    /// </remarks>
    public static IServiceCollection AddDataProtectionTokenProtector(this IServiceCollection services, string? keysFolder)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("WiseSync");
        if (!string.IsNullOrWhiteSpace(keysFolder))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        }

        services.AddSingleton<ITokenProtector, DataProtectionTokenProtector>();
        return services;
    }
}
