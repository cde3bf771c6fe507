using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WiseSync.Http.Internal;

/// <summary>The "WiseSync" activity source and meter instruments for vendor calls.</summary>
internal static class HttpTelemetry
{
    public const string Name = "WiseSync";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("wisesync.http.requests", "{request}", "Vendor API requests sent (every attempt).");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("wisesync.http.retries", "{retry}", "Vendor API attempts retried.");

    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>("wisesync.http.throttled", "{response}", "Vendor API 429 answers.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("wisesync.http.duration", "s", "Vendor API attempt latency.");
}
