namespace WiseSync.Sandbox.Hosting;

/// <summary>Everything one running sandbox holds: its emulators, data, traffic records and faults.</summary>
internal sealed class SandboxState
{
    private readonly Lock _gate = new();

    public SandboxState(SandboxOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Emulators = VendorEmulators.Create(new EmulatorContext(options, time));
        Stats = Emulators.ToDictionary(e => e.Vendor, _ => new VendorStats(), StringComparer.OrdinalIgnoreCase);
        Faults = new FaultInjector(options.Seed);
        Dataset = Generate();
        foreach (var emulator in Emulators)
            emulator.Load(Dataset);
    }

    public SandboxOptions Options { get; }
    public TimeProvider Time { get; }
    public IReadOnlyList<IVendorEmulator> Emulators { get; }
    public IReadOnlyDictionary<string, VendorStats> Stats { get; }
    public RequestLog Log { get; } = new();
    public FaultInjector Faults { get; }
    public SandboxDataset Dataset { get; private set; }

    /// <summary>Set once Kestrel has bound its port.</summary>
    public SandboxCredentials? Credentials { get; set; }

    public IVendorEmulator? Find(string vendor) =>
        Emulators.FirstOrDefault(e => string.Equals(e.Vendor, vendor, StringComparison.OrdinalIgnoreCase));

    /// <summary>The emulator whose prefix starts the path (case-insensitive, as Autotask's paths are).</summary>
    public IVendorEmulator? ForPath(string path) => Emulators.FirstOrDefault(e =>
        path.StartsWith(e.Prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == e.Prefix.Length || path[e.Prefix.Length] == '/'));

    public void Load(SandboxDataset dataset)
    {
        lock (_gate)
            LoadLocked(dataset);
    }

    /// <summary>Back to the generated data with zero stats, an empty log, no faults and fresh rate-limit windows.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            LoadLocked(Generate());
            foreach (var stats in Stats.Values)
                stats.Reset();
            foreach (var emulator in Emulators)
                emulator.ResetTraffic();
            Log.Clear();
            Faults.Clear();
        }
    }

    public IReadOnlyDictionary<string, SandboxVendorStats> StatsSnapshot() =>
        Emulators.ToDictionary(e => e.Vendor, e => Stats[e.Vendor].Snapshot());

    private void LoadLocked(SandboxDataset dataset)
    {
        Dataset = dataset;
        foreach (var emulator in Emulators)
            emulator.Load(dataset);
    }

    private SandboxDataset Generate() =>
        SandboxDataGenerator.Generate(Options.Seed, Options.Companies, Options.Invoices, Options.ReferenceDate);
}
