using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WiseSync.Samples.Console.Cli;

namespace WiseSync.Samples.Console.Output;

/// <summary>The JSON documents of CONTRACTS §2, written field by field so the shape is exactly the contract's.</summary>
internal static class JsonReport
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // Readable output for people who pipe it into a file; still valid JSON for every parser.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><c>{"batchId","action","psa","accounting","totals":{...},"invoices":[...]}</c>.</summary>
    public static string Sync(SyncReport report, string psa, string accounting) => Write(writer => WriteSync(writer, report, psa, accounting, null));

    private static void WriteSync(Utf8JsonWriter writer, SyncReport report, string psa, string accounting, Action<Utf8JsonWriter>? more)
    {
        writer.WriteStartObject();
        writer.WriteString("batchId", report.BatchId);
        writer.WriteString("action", HarnessSettings.ActionName(report.Action));
        writer.WriteString("psa", psa);
        writer.WriteString("accounting", accounting);
        var totals = report.Totals;
        writer.WriteStartObject("totals");
        writer.WriteNumber("invoices", totals.Invoices);
        writer.WriteNumber("success", totals.Success);
        writer.WriteNumber("warning", totals.Warning);
        writer.WriteNumber("error", totals.Error);
        writer.WriteEndObject();
        writer.WriteStartArray("invoices");
        foreach (var invoice in report.Invoices)
        {
            writer.WriteStartObject();
            writer.WriteString("psaInvoiceId", invoice.PsaInvoiceId);
            writer.WriteString("number", invoice.Number);
            writer.WriteString("status", StatusName(invoice.Status));
            writer.WriteStartArray("messages");
            foreach (var message in invoice.Messages)
            {
                writer.WriteStringValue(message);
            }

            writer.WriteEndArray();
            WriteStringOrNull(writer, "accountingInvoiceId", invoice.AccountingInvoiceId);
            WriteStringOrNull(writer, "accountingUrl", invoice.AccountingUrl?.AbsoluteUri);
            WriteStringOrNull(writer, "payment", invoice.Payment is { } payment ? PaymentName(payment) : null);
            if (invoice.Plan is { } plan)
            {
                // Additive (dry runs only): what a post would do with the invoice and its customer.
                writer.WriteStartObject("plan");
                writer.WriteString("invoice", DryRunPlanText.InvoiceAction(plan));
                writer.WriteString("customer", plan.CustomerName);
                writer.WriteString("customerAction", DryRunPlanText.CustomerAction(plan));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        more?.Invoke(writer);
        writer.WriteEndObject();
    }

    /// <summary><c>{"invoices":[{"psaInvoiceId","number","company","date","total"}]}</c>.</summary>
    public static string Pending(IReadOnlyList<PsaInvoice> invoices) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("invoices");
        foreach (var invoice in invoices)
        {
            writer.WriteStartObject();
            writer.WriteString("psaInvoiceId", invoice.Id);
            writer.WriteString("number", invoice.Number);
            writer.WriteString("company", invoice.Company.Name);
            writer.WriteString("date", invoice.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteNumber("total", invoice.Total);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>
    /// <c>{"batches":[{"batchId","action","startedAt","finishedAt","state","deletingAt","totals":{...},"stoppedReason"}]}</c> (an addition to the
    /// contract); <c>state</c> is <c>finished</c>, <c>interrupted</c> (running, or killed) or <c>deleting</c> (a deletion began and did not finish).
    /// </summary>
    public static string History(IReadOnlyList<LedgerBatch> batches) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("batches");
        foreach (var batch in batches)
        {
            writer.WriteStartObject();
            writer.WriteString("batchId", batch.Id);
            writer.WriteString("action", HarnessSettings.ActionName(batch.Action));
            writer.WriteString("startedAt", batch.StartedAt.ToString());
            WriteStringOrNull(writer, "finishedAt", batch.FinishedAt?.ToString());
            writer.WriteString("state", batch.DeletingAt is not null ? "deleting" : batch.FinishedAt is not null ? "finished" : "interrupted");
            WriteStringOrNull(writer, "deletingAt", batch.DeletingAt?.ToString());
            writer.WriteStartObject("totals");
            writer.WriteNumber("invoices", batch.Totals.Invoices);
            writer.WriteNumber("success", batch.Totals.Success);
            writer.WriteNumber("warning", batch.Totals.Warning);
            writer.WriteNumber("error", batch.Totals.Error);
            writer.WriteEndObject();
            WriteStringOrNull(writer, "stoppedReason", batch.StoppedReason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary><c>{"batchId","deleted","invoices":[{"psaInvoiceId","number","status","messages"}]}</c> (an addition to the contract).</summary>
    public static string DeleteBatch(DeleteBatchResult result) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("batchId", result.BatchId);
        writer.WriteBoolean("deleted", result.BatchDeleted);
        writer.WriteStartArray("invoices");
        foreach (var invoice in result.Invoices)
        {
            writer.WriteStartObject();
            writer.WriteString("psaInvoiceId", invoice.PsaInvoiceId);
            writer.WriteString("number", invoice.Number);
            writer.WriteString("status", StatusName(invoice.Status));
            writer.WriteStartArray("messages");
            foreach (var message in invoice.Messages)
            {
                writer.WriteStringValue(message);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary><c>{"orphans":[{"psaInvoiceId","psaNumber","accountingInvoiceId","accountingNumber","write","failedRuns","lastError","orphanedAt"}]}</c>.</summary>
    public static string Orphans(IReadOnlyList<FailedPsaWrite> orphans) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("orphans");
        foreach (var orphan in orphans)
        {
            writer.WriteStartObject();
            writer.WriteString("psaInvoiceId", orphan.PsaInvoiceId);
            WriteStringOrNull(writer, "psaNumber", orphan.PsaNumber);
            WriteStringOrNull(writer, "accountingInvoiceId", orphan.AccountingInvoiceId);
            WriteStringOrNull(writer, "accountingNumber", orphan.AccountingNumber);
            writer.WriteString("write", orphan.Kind == PsaWriteKind.SyncedMark ? "synced-mark" : "paid-date");
            writer.WriteNumber("failedRuns", orphan.FailedRuns);
            writer.WriteString("lastError", orphan.LastError);
            WriteStringOrNull(writer, "orphanedAt", orphan.OrphanedAt?.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The sync report's shape for the rebuilt batch, plus <c>"rebuild":{"listed","invoiceMappings","customerMappings"}</c>.</summary>
    public static string Rebuild(LedgerRebuildResult result, string psa, string accounting) => Write(writer => WriteSync(writer, result.Report, psa, accounting, w =>
    {
        w.WriteStartObject("rebuild");
        w.WriteNumber("listed", result.Listed);
        w.WriteNumber("invoiceMappings", result.InvoicesMapped);
        w.WriteNumber("customerMappings", result.CustomersMapped);
        w.WriteEndObject();
    }));

    /// <summary>The contract's traffic-light names.</summary>
    public static string StatusName(SyncStatus status) => status switch
    {
        SyncStatus.Success => "success",
        SyncStatus.Warning => "warning",
        _ => "error",
    };

    /// <summary>The contract's payment names.</summary>
    public static string PaymentName(PaymentQueueStatus payment) => payment switch
    {
        PaymentQueueStatus.Queued => "queued",
        PaymentQueueStatus.Disabled => "disabled",
        PaymentQueueStatus.NoTerms => "no-terms",
        _ => "no-payer",
    };

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
