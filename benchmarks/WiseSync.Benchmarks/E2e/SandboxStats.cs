using System.Text.Json.Nodes;

namespace WiseSync.Benchmarks.E2e;

/// <summary>One vendor's figures from <c>GET /_sandbox/stats</c> (CONTRACTS §1).</summary>
internal sealed record VendorCalls(long Requests, long Throttled, long MaxConcurrent, IReadOnlyDictionary<string, long> ByRoute)
{
    public static async Task<IReadOnlyDictionary<string, VendorCalls>> ReadAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var root = (await JsonNode.ParseAsync(await admin.GetStreamAsync(new Uri("_sandbox/stats", UriKind.Relative), cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false))!.AsObject();
        return root.ToDictionary(
            p => p.Key,
            p => new VendorCalls(
                (long)p.Value!["requests"]!,
                (long)p.Value!["throttled"]!,
                (long)p.Value!["maxConcurrent"]!,
                p.Value!["byRoute"]?.AsObject().ToDictionary(r => r.Key, r => (long)r.Value!) ?? []));
    }
}
