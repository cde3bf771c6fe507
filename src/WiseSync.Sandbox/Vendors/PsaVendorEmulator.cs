namespace WiseSync.Sandbox.Vendors;

/// <summary>
/// A PSA emulator (Autotask, ConnectWise): it presents the loaded dataset's records and takes no payments.
/// Loading keeps the dataset and hands it to the vendor's own records.
/// </summary>
internal abstract class PsaVendorEmulator : VendorEmulator
{
    protected PsaVendorEmulator(EmulatorContext context, string vendor, string apiPath, VendorRateLimitPolicy policy)
        : base(context, vendor, apiPath, policy)
    {
    }

    /// <summary>The dataset the vendor's records are presented from.</summary>
    public SandboxDataset Data { get; private set; } = new();

    public sealed override void Load(SandboxDataset data)
    {
        Data = data;
        LoadRecords(data);
    }

    /// <summary>Builds the vendor's records from <paramref name="data"/>.</summary>
    protected abstract void LoadRecords(SandboxDataset data);
}
