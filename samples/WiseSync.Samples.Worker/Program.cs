using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WiseSync.Samples.Worker.Hosting;

// A worker that syncs each connection under WiseSync:Connections on its schedule. Secrets can come from environment
// variables, e.g. WISESYNC__Connections__acme__Xero__ClientSecret. Ctrl+C stops it between chunks.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWiseSyncWorker(builder.Configuration.GetSection("WiseSync"));

// Give a running chunk time to finish its writes when the host stops.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
await builder.Build().RunAsync();
