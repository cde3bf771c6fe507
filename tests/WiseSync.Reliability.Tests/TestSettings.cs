using System.Globalization;

namespace WiseSync.Reliability.Tests;

/// <summary>Sizes of the suite, from environment variables with CI-sized defaults.</summary>
public static class TestSettings
{
    /// <summary>FsCheck cases per property (WISESYNC_PROPERTY_CASES, default 200).</summary>
    public static int PropertyCases => Int("WISESYNC_PROPERTY_CASES", 200);

    /// <summary>The FsCheck replay seed (WISESYNC_PROPERTY_SEED, default 20261120); the same seed replays the same cases.</summary>
    public static ulong PropertySeed => (ulong)Int("WISESYNC_PROPERTY_SEED", 20261120);

    /// <summary>SIGKILLs in the crash test (WISESYNC_CRASH_KILLS, default 8).</summary>
    public static int CrashKills => Int("WISESYNC_CRASH_KILLS", 8);

    /// <summary>Invoices the sandbox generates for the crash test (WISESYNC_CRASH_INVOICES, default 200).</summary>
    public static int CrashInvoices => Int("WISESYNC_CRASH_INVOICES", 200);

    /// <summary>The seed of the kill moments (WISESYNC_CRASH_SEED, default 11).</summary>
    public static int CrashSeed => Int("WISESYNC_CRASH_SEED", 11);

    /// <summary>Invoices in the fault-storm test (WISESYNC_STORM_INVOICES, default 120).</summary>
    public static int StormInvoices => Int("WISESYNC_STORM_INVOICES", 120);

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
