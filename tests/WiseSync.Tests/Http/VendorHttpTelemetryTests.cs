using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using WiseSync.Tests.Auth;

namespace WiseSync.Tests.Http;

public sealed class VendorHttpTelemetryTests
{
    private static readonly ActivitySource TestSource = new("WiseSync.Tests.Telemetry");

    [Fact]
    public async Task Each_attempt_is_a_span_with_vendor_route_status_and_attempt()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 503, count = 1 });
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "WiseSync" or "WiseSync.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId trace;
        using (var parent = TestSource.StartActivity("test"))
        {
            trace = parent!.TraceId;
            using var response = await client.GetOrganisationAsync(tenant);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var attempts = spans.Where(s => s.TraceId == trace && s.Source.Name == "WiseSync").OrderBy(s => s.GetTagItem("wisesync.attempt")).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, s =>
        {
            Assert.Equal("xero", s.GetTagItem("wisesync.vendor"));
            Assert.Equal("GET /Organisation", s.GetTagItem("http.route"));
        });
        Assert.Equal([1, 2], attempts.Select(s => (int)s.GetTagItem("wisesync.attempt")!));
        Assert.Equal([503, 200], attempts.Select(s => (int)s.GetTagItem("http.response.status_code")!));
    }
}
