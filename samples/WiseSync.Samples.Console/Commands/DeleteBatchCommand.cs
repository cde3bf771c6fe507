using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary><c>delete-batch</c>: clears a batch's PSA marks and ledger entries, keeping the mappings so the next sync updates the same accounting invoices.</summary>
internal static class DeleteBatchCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        var pipeline = session.Pipeline;
        var batchId = settings.BatchId!;
        if (await pipeline.GetBatchAsync(batchId, cancellationToken) is null)
        {
            throw new UsageException($"<batchId>: batch '{batchId}' is not in the ledger {session.LedgerPath} (see the history command).");
        }

        var result = await pipeline.DeleteBatchAsync(batchId, cancellationToken);
        var failed = result.Invoices.Count(i => i.Status == SyncStatus.Error);
        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonReport.DeleteBatch(result));
        }
        else
        {
            console.Ansi.MarkupLine(result.BatchDeleted
                ? $"[green]✔[/] Batch {Markup.Escape(batchId)} deleted: {result.Invoices.Count} invoice(s) cleared; the next sync updates the same accounting invoices."
                : $"[red]✘[/] Batch {Markup.Escape(batchId)} kept: {failed} of {result.Invoices.Count} invoice(s) could not be cleared.");
            foreach (var invoice in result.Invoices.Where(i => i.Messages.Count > 0))
            {
                foreach (var message in invoice.Messages)
                {
                    console.Ansi.MarkupLine($"  [{(invoice.Status == SyncStatus.Error ? "red" : "yellow")}]↳ {Markup.Escape(invoice.Number)}: {Markup.Escape(message)}[/]");
                }
            }
        }

        return failed > 0 ? Program.Failed : Program.Success;
    }
}
