using System.Text.Json;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;

namespace WiseSync.Samples.Console.Commands;

/// <summary><c>show-invoice</c>: the PSA's own document of an invoice (Autotask XML, ConnectWise JSON), for troubleshooting.</summary>
internal static class ShowInvoiceCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        var document = await session.Psa.GetRawInvoiceAsync(settings.PsaInvoiceId!, cancellationToken);
        if (settings.Json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("psaInvoiceId", settings.PsaInvoiceId);
                writer.WriteString("contentType", document.ContentType);
                writer.WriteString("content", document.Content);
                writer.WriteEndObject();
            }

            await console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            await console.Error.WriteLineAsync($"{session.PsaName} invoice {settings.PsaInvoiceId} ({document.ContentType}):");
            await console.Out.WriteLineAsync(document.Content);
        }

        return Program.Success;
    }
}
