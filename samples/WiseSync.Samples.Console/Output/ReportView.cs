using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using WiseSync.Samples.Console.Cli;

namespace WiseSync.Samples.Console.Output;

/// <summary>Human output (Spectre.Console): connection status, the traffic-light table with errors under their row, totals.</summary>
internal static class ReportView
{
    public static void Connection(IAnsiConsole console, string side, ConnectionTestResult result) =>
        console.MarkupLine(result.Succeeded
            ? $"[green]✔[/] {Markup.Escape(side)}: [green]connected[/] [grey]{Markup.Escape(result.Message)}[/]"
            : result.IsTransient
                ? $"[yellow]✘[/] {Markup.Escape(side)}: [yellow]unavailable for now[/] {Markup.Escape(result.Message)}"
                : $"[red]✘[/] {Markup.Escape(side)}: [red]not connected[/] {Markup.Escape(result.Message)}");

    public static void Sync(IAnsiConsole console, SyncReport report, bool links)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn(string.Empty).Centered());
        table.AddColumn("Number");
        table.AddColumn("Company");
        table.AddColumn(new TableColumn("Total").RightAligned());
        table.AddColumn("Accounting");
        table.AddColumn("Payment");

        foreach (var invoice in report.Invoices)
        {
            table.AddRow(
                Light(invoice.Status),
                new Text(invoice.Number),
                new Text(invoice.CompanyName ?? string.Empty),
                new Text(invoice.Total?.ToString("N2", CultureInfo.InvariantCulture) ?? string.Empty),
                AccountingCell(invoice, links),
                PaymentCell(invoice.Payment));

            // Errors and warnings are expanded under their row, so a red light always says why.
            if (invoice.Messages.Count > 0)
            {
                var colour = invoice.Status == SyncStatus.Error ? "red" : "yellow";
                var lines = string.Join('\n', invoice.Messages.Select(m => $"[{colour}]↳ {Markup.Escape(m)}[/]"));
                table.AddRow(Text.Empty, Text.Empty, new Markup(lines), Text.Empty, Text.Empty, Text.Empty);
            }

            if (invoice.Plan is { } plan)
            {
                table.AddRow(Text.Empty, Text.Empty, new Markup($"[grey]↳ {Markup.Escape(DryRunPlanText.Describe(plan))}[/]"), Text.Empty, Text.Empty, Text.Empty);
            }
        }

        var title = report.DryRun ? "Dry run: nothing was written" : $"Batch {report.BatchId}";
        table.Title($"{Markup.Escape(title)} — {HarnessSettings.ActionName(report.Action)}");
        console.Write(table);
        Totals(console, report);
    }

    public static void Totals(IAnsiConsole console, SyncReport report)
    {
        var totals = report.Totals;
        var amount = report.Invoices.Sum(i => i.Total ?? 0m);
        var seconds = (report.FinishedAt - report.StartedAt).TotalSeconds;
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]{totals.Invoices}[/] invoices: [green]{totals.Success} success[/], [yellow]{totals.Warning} warning[/], [red]{totals.Error} error[/] — total {amount:N2} — {seconds:0.0} s"));
        if (report.StoppedReason is { } reason)
        {
            console.MarkupLine($"[yellow]Stopped early:[/] {Markup.Escape(reason)}");
        }
    }

    public static void Pending(IAnsiConsole console, IReadOnlyList<PsaInvoice> invoices)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("PSA id");
        table.AddColumn("Number");
        table.AddColumn("Company");
        table.AddColumn("Date");
        table.AddColumn("Terms");
        table.AddColumn(new TableColumn("Total").RightAligned());
        foreach (var invoice in invoices)
        {
            table.AddRow(
                Markup.Escape(invoice.Id),
                Markup.Escape(invoice.Number),
                Markup.Escape(invoice.Company.Name),
                invoice.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Markup.Escape(invoice.Terms?.Name ?? string.Empty),
                invoice.Total.ToString("N2", CultureInfo.InvariantCulture));
        }

        table.Title($"{invoices.Count} pending invoice(s)");
        console.Write(table);
    }

    public static void History(IAnsiConsole console, IReadOnlyList<LedgerBatch> batches)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Batch");
        table.AddColumn("Action");
        table.AddColumn("Started");
        table.AddColumn("Finished");
        table.AddColumn(new TableColumn("Invoices").RightAligned());
        table.AddColumn(new TableColumn("[green]ok[/]").RightAligned());
        table.AddColumn(new TableColumn("[yellow]warn[/]").RightAligned());
        table.AddColumn(new TableColumn("[red]error[/]").RightAligned());
        foreach (var batch in batches)
        {
            table.AddRow(
                Markup.Escape(batch.Id),
                HarnessSettings.ActionName(batch.Action),
                batch.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                batch.DeletingAt is { } deleting
                    ? $"[red]deleting[/] since {deleting.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}: run delete-batch again to finish"
                    : batch.FinishedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? (batch.StoppedReason is null ? "[yellow]interrupted[/]" : Markup.Escape(batch.StoppedReason)),
                batch.Totals.Invoices.ToString(CultureInfo.InvariantCulture),
                batch.Totals.Success.ToString(CultureInfo.InvariantCulture),
                batch.Totals.Warning.ToString(CultureInfo.InvariantCulture),
                batch.Totals.Error.ToString(CultureInfo.InvariantCulture));
        }

        table.Title(batches.Count == 0 ? "No batches in the ledger" : $"{batches.Count} batch(es), newest first");
        console.Write(table);
    }

    public static void Orphans(IAnsiConsole console, IReadOnlyList<FailedPsaWrite> orphans, string psa, string accounting)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn(string.Empty).Centered());
        table.AddColumn($"{Markup.Escape(psa)} invoice");
        table.AddColumn($"{Markup.Escape(accounting)} document");
        table.AddColumn("Refused");
        table.AddColumn(new TableColumn("Runs").RightAligned());
        table.AddColumn("Since");
        foreach (var orphan in orphans)
        {
            table.AddRow(
                new Markup("[red]●[/]"),
                new Text($"{orphan.PsaNumber} (id {orphan.PsaInvoiceId})"),
                new Text($"{orphan.AccountingNumber} (id {orphan.AccountingInvoiceId})"),
                new Text(orphan.Kind == PsaWriteKind.SyncedMark ? "synced mark" : "paid date"),
                new Text(orphan.FailedRuns.ToString(CultureInfo.InvariantCulture)),
                new Text(orphan.OrphanedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty));
            table.AddRow(Text.Empty, new Markup($"[red]↳ {Markup.Escape(orphan.LastError)}[/]"), Text.Empty, Text.Empty, Text.Empty, Text.Empty);
        }

        table.Title(orphans.Count == 0
            ? "No orphans"
            : $"{orphans.Count} orphan(s): resolve each by hand, then orphans --dismiss <{Markup.Escape(psa)} invoice id>");
        console.Write(table);
    }

    private static IRenderable Light(SyncStatus status) => status switch
    {
        SyncStatus.Success => new Markup("[green]●[/]"),
        SyncStatus.Warning => new Markup("[yellow]●[/]"),
        _ => new Markup("[red]●[/]"),
    };

    private static IRenderable AccountingCell(InvoiceSyncResult invoice, bool links)
    {
        var label = invoice.AccountingNumber ?? invoice.AccountingInvoiceId;
        if (invoice.AccountingUrl is not { } url)
        {
            return new Text(label ?? "—");
        }

        // A terminal shows the number as a clickable link; redirected output gets the address itself.
        return links
            ? new Markup($"[link={Markup.Escape(url.AbsoluteUri)}]{Markup.Escape(label ?? url.AbsoluteUri)}[/]")
            : new Text(url.AbsoluteUri);
    }

    private static IRenderable PaymentCell(PaymentQueueStatus? payment) => payment switch
    {
        null => new Text("—"),
        PaymentQueueStatus.Queued => new Markup("[green]queued[/]"),
        PaymentQueueStatus.NoTerms => new Markup("[yellow]no-terms[/]"),
        PaymentQueueStatus.NoPayer => new Markup("[grey]no-payer[/]"),
        _ => new Markup("[grey]disabled[/]"),
    };
}
