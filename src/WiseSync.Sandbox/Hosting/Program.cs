using Microsoft.Extensions.Logging;

namespace WiseSync.Sandbox.Hosting;

/// <summary>Console entry: <c>dotnet run --project src/WiseSync.Sandbox -- --urls http://127.0.0.1:5599 --seed 3</c>.</summary>
internal static class Program
{
    private const string Usage = """
        WiseSync sandbox: loopback emulators of Autotask, ConnectWise, Xero and QuickBooks Online.

        Options:
          --urls URL            listen address (default http://127.0.0.1:5599)
          --seed N              data generator seed (default 1)
          --companies N         generated companies (default 20)
          --invoices N          generated invoices (default 100)
          --time-scale X        vendor time windows run X times faster (default 1)
          --reference-date D    newest invoice date, YYYY-MM-DD (default 2026-11-20)
          --no-rate-limits      never answer 429 from the vendor limits
          --help                this text
        """;

    public static async Task<int> Main(string[] args)
    {
        SandboxOptions options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        await using var server = await SandboxServer.StartAsync(
            options, TimeProvider.System, logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        Print(server);
        await server.WaitForShutdownAsync(CancellationToken.None);
        return 0;
    }

    internal static SandboxOptions Parse(string[] args)
    {
        var options = new SandboxOptions { Urls = "http://127.0.0.1:5599" };
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
                (arg, inline) = (arg[..equals], arg[(equals + 1)..]);
            string Value() => inline ?? (i + 1 < args.Length ? args[++i] : throw new FormatException($"{arg} needs a value."));
            switch (arg)
            {
                case "--urls": options.Urls = Value(); break;
                case "--seed": options.Seed = Int(arg, Value()); break;
                case "--companies": options.Companies = Int(arg, Value()); break;
                case "--invoices": options.Invoices = Int(arg, Value()); break;
                case "--time-scale": options.TimeScale = Number(arg, Value()); break;
                case "--reference-date": options.ReferenceDate = Date(arg, Value()); break;
                case "--no-rate-limits": options.RateLimits = false; break;
                case "--help" or "-h": break;
                default: throw new FormatException($"Unknown option {arg}.");
            }
        }

        return options;
    }

    private static void Print(SandboxServer server)
    {
        var c = server.Credentials;
        var o = server.Options;
        Console.WriteLine($"""
            WiseSync sandbox listening on {server.BaseUrl}  (seed {o.Seed}, {o.Companies} companies, {o.Invoices} invoices, time-scale {o.TimeScale.ToString(CultureInfo.InvariantCulture)})
              admin        {server.BaseUrl}_sandbox/info  /stats  /requests  /state/VENDOR/COLLECTION  /seed  /reset  /faults  /pay
              autotask     {c.Autotask.BaseUrl}v1.0/   UserName: {c.Autotask.UserName}  Secret: {c.Autotask.Secret}  ApiIntegrationCode: {c.Autotask.ApiIntegrationCode}
              connectwise  {c.ConnectWise.BaseUrl}   company {c.ConnectWise.CompanyId}, public key {c.ConnectWise.PublicKey}, private key {c.ConnectWise.PrivateKey}, clientId {c.ConnectWise.ClientId}
              xero         {c.Xero.ApiBaseUrl}   token {c.Xero.TokenUrl}  client {c.Xero.ClientId} / {c.Xero.ClientSecret}, refresh token {c.Xero.RefreshToken}, tenant {c.Xero.TenantId}
              quickbooks   {c.QuickBooks.ApiBaseUrl}v3/company/{c.QuickBooks.RealmId}/   token {c.QuickBooks.TokenUrl}  client {c.QuickBooks.ClientId} / {c.QuickBooks.ClientSecret}, refresh token {c.QuickBooks.RefreshToken}
            Sandbox credentials only; press Ctrl+C to stop.
            """);
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new FormatException($"{name} expects a non-negative whole number, not '{value}'.");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && !double.IsInfinity(x)
            ? x
            : throw new FormatException($"{name} expects a positive number, not '{value}'.");

    private static DateOnly Date(string name, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"{name} expects YYYY-MM-DD, not '{value}'.");
}
