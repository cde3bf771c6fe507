using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WiseSync.Samples.Tests.Support;
using WiseSync.Samples.Worker.Hosting;
using WiseSync.Samples.Worker.Scheduling;

namespace WiseSync.Samples.Tests.Worker;

/// <summary>The hosted worker against a sandbox in this process, registered through the same SDK builders as any host.</summary>
public sealed class WorkerTests
{
    [Fact]
    public async Task Interval_connection_syncs_at_start()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var observer = new RecordingObserver();
        using var host = BuildHost(sandbox, observer, mode: "Interval");

        await host.StartAsync();
        var report = await observer.Completed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();

        Assert.Equal(24, report.Totals.Invoices);
        Assert.Equal(0, report.Totals.Error);
        Assert.Equal(24, (await sandbox.StateAsync("xero", "invoices")).Count);
    }

    [Fact]
    public async Task Manual_connection_syncs_only_when_triggered()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var observer = new RecordingObserver();
        using var host = BuildHost(sandbox, observer, mode: "Manual");

        await host.StartAsync();
        Assert.False(observer.Completed.Task.IsCompleted);
        Assert.Empty(await sandbox.StateAsync("xero", "invoices"));

        Assert.True(host.Services.GetRequiredService<SyncTrigger>().Request("acme"));
        var report = await observer.Completed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();

        Assert.Equal(24, report.Totals.Invoices);
        Assert.Equal(24, (await sandbox.StateAsync("xero", "invoices")).Count);
    }

    [Fact]
    public async Task Stopping_ends_the_run_between_chunks_without_abandoning_one()
    {
        // 120 invoices are three Xero chunks of 50: stopping during the first leaves whole chunks done.
        await using var sandbox = await SandboxHost.StartAsync(invoices: 120, companies: 12);
        var observer = new RecordingObserver();
        using var host = BuildHost(sandbox, observer, mode: "Interval");

        await host.StartAsync();
        await observer.FirstProgress.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();
        var outcome = await Task.WhenAny(observer.Stopped.Task, observer.Completed.Task).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Same(observer.Stopped.Task, outcome);
        var inXero = (await sandbox.StateAsync("xero", "invoices")).Count;
        var pending = await HarnessRun.RunAsync(sandbox.Args("pending", "--json", "--thru", SandboxHost.Thru));
        var stillPending = pending.Json().GetProperty("invoices").GetArrayLength();
        Assert.InRange(inXero, 50, 100);
        Assert.Equal(0, inXero % 50);
        // Nothing is in Xero without its PSA mark, and nothing marked is missing from Xero.
        Assert.Equal(120, inXero + stillPending);
    }

    private static IHost BuildHost(SandboxHost sandbox, RecordingObserver observer, string mode)
    {
        var credentials = sandbox.Server.Credentials;
        var prefix = "WiseSync:Connections:acme:";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WiseSync:Ledger:DatabasePath"] = sandbox.Database,
            [prefix + "Psa"] = "autotask",
            [prefix + "Accounting"] = "xero",
            [prefix + "Schedule:Mode"] = mode,
            [prefix + "Schedule:Interval"] = "01:00:00",
            [prefix + "Schedule:TimeZone"] = "UTC",
            [prefix + "Autotask:UserName"] = credentials.Autotask.UserName,
            [prefix + "Autotask:Secret"] = credentials.Autotask.Secret,
            [prefix + "Autotask:IntegrationCode"] = credentials.Autotask.ApiIntegrationCode,
            [prefix + "Autotask:ZoneUrl"] = credentials.Autotask.BaseUrl.AbsoluteUri,
            [prefix + "Autotask:TimeScale"] = "60",
            [prefix + "Xero:ClientId"] = credentials.Xero.ClientId,
            [prefix + "Xero:ClientSecret"] = credentials.Xero.ClientSecret,
            [prefix + "Xero:RefreshToken"] = credentials.Xero.RefreshToken,
            [prefix + "Xero:ApiBaseUrl"] = new Uri(sandbox.Server.BaseUrl, "xero/").AbsoluteUri,
            [prefix + "Xero:IdentityBaseUrl"] = new Uri(sandbox.Server.BaseUrl, "xero/identity/").AbsoluteUri,
            [prefix + "Xero:TimeScale"] = "60",
        });
        builder.Services.AddLogging();
        builder.Services.AddWiseSyncWorker(builder.Configuration.GetSection("WiseSync"));
        builder.Services.AddSingleton<ISyncRunObserver>(observer);
        return builder.Build();
    }

    private sealed class RecordingObserver : ISyncRunObserver
    {
        public TaskCompletionSource FirstProgress { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<SyncReport> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnProgress(string connection, SyncProgress progress) => FirstProgress.TrySetResult();

        public void OnCompleted(string connection, SyncReport report) => Completed.TrySetResult(report);

        public void OnStopped(string connection) => Stopped.TrySetResult();

        public void OnFailed(string connection, Exception exception) => Completed.TrySetException(exception);
    }
}
