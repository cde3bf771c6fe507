using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WiseSync.Samples.Worker.Hosting;

// A worker that syncs each connection under WiseSync:Connections on its schedule. Secrets can come from environment
// variables, e.g. WISESYNC__Connections__acme__Xero__ClientSecret. Ctrl+C stops it between chunks.
// Settings are read from beside the executable (appsettings.json is copied there), so
// `dotnet run --project samples/WiseSync.Samples.Worker` works from the repo root or any other folder.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddWiseSyncWorker(builder.Configuration.GetSection("WiseSync"));

// Give a running chunk time to finish its writes when the host stops.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
await builder.Build().RunAsync();
