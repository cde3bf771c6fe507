namespace WiseSync.Sandbox;

/// <summary>How a sandbox starts: its data, its vendor clocks and where it listens.</summary>
public sealed class SandboxOptions
{
    /// <summary>Seed of the data generator; the same seed always yields the same data.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Number of generated PSA companies.</summary>
    public int Companies { get; set; } = 20;

    /// <summary>Number of generated PSA invoices.</summary>
    public int Invoices { get; set; } = 100;

    /// <summary>
    /// Speed-up of every vendor time window (rate-limit windows, token lifetimes, refresh grace):
    /// 60 makes Xero's minute last one second, so ratios stay real while tests stay short.
    /// </summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Kestrel listen address; port 0 binds a free port (see <see cref="SandboxServer.BaseUrl"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Whether the vendor rate limits are enforced (429 answers); quota headers are sent either way.</summary>
    public bool RateLimits { get; set; } = true;

    /// <summary>The generator's "today": every generated invoice is dated on or before it.</summary>
    public DateOnly ReferenceDate { get; set; } = new(2026, 11, 20);
}
