using WiseSync.Sandbox.Autotask;
using WiseSync.Sandbox.ConnectWise;
using WiseSync.Sandbox.QuickBooks;
using WiseSync.Sandbox.Xero;

namespace WiseSync.Sandbox.Vendors;

/// <summary>The one list of emulators the sandbox hosts; a new vendor is added here and in its own folder.</summary>
internal static class VendorEmulators
{
    public static IReadOnlyList<IVendorEmulator> Create(EmulatorContext context) =>
    [
        new AutotaskEmulator(context),
        new ConnectWiseEmulator(context),
        new XeroEmulator(context),
        new QuickBooksEmulator(context),
    ];
}
