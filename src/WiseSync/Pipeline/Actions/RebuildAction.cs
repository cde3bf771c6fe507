using WiseSync.Pipeline.Internal;
using WiseSync.Pipeline.Steps;

namespace WiseSync.Pipeline.Actions;

/// <summary>
/// Rebuilds the invoice and customer mappings of a lost or damaged ledger from what the vendors hold (see
/// <see cref="SyncPipeline.RebuildLedgerAsync"/>): PSA invoices looked up by accounting number, mapped when number, kind and
/// total agree.
/// </summary>
internal sealed class RebuildAction(PipelineServices services, ReadWindowStep read)
{
    public Task<LedgerRebuildResult> RunAsync(LocalDate thruDate, IProgress<SyncProgress>? progress, CancellationToken cancellationToken) =>
        LeasedRun.RunAsync(services, SyncAction.PostToAccounting, progress, scope => RebuildAsync(scope, thruDate, cancellationToken), cancellationToken);

    private async Task<LedgerRebuildResult> RebuildAsync(RunScope scope, LocalDate thruDate, CancellationToken cancellationToken)
    {
        var batchId = scope.BatchId;
        var request = new SyncRequest(SyncAction.PostToAccounting, thruDate) { IncludeAlreadySynced = true };
        var (invoices, stop) = await read.ReadRunAsync(batchId, request, cancellationToken).ConfigureAwait(false);
        scope.Stop = stop;
        invoices = invoices.Where(i => !i.IsVoided && InvoiceShape.Problem(i) is null).ToList();
        PipelineLog.RunStarted(services.Logger, SyncAction.PostToAccounting, services.Connection, batchId, invoices.Count);

        var results = new List<InvoiceSyncResult>();
        var entries = new List<LedgerEntry>();
        var mappings = new List<InvoiceMapping>();
        var done = 0;
        var chunks = invoices.GroupBy(i => i.DocumentKind).SelectMany(group => group.Chunk(services.Sizes.AccountingWrite));
        await scope.ForEachChunkAsync(chunks, async (chunk, _) =>
        {
            if (scope.Stop is null)
            {
                scope.Stop = await RebuildChunkAsync(batchId, chunk[0].DocumentKind, chunk, results, entries, mappings, cancellationToken).ConfigureAwait(false);
            }

            done += chunk.Length;
            scope.Report(done, invoices.Count, chunk[^1].Number);
        }, cancellationToken).ConfigureAwait(false);

        var customers = scope.Stop is null ? await RebuildCustomersAsync(invoices, mappings, cancellationToken).ConfigureAwait(false) : 0;
        foreach (var mapping in mappings)
        {
            await services.Ledger.SaveInvoiceMappingAsync(mapping, cancellationToken).ConfigureAwait(false);
        }

        await services.Ledger.SaveEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
        var report = await scope.FinishAsync(SyncAction.PostToAccounting, results, cancellationToken).ConfigureAwait(false);
        return new LedgerRebuildResult(report, invoices.Count, mappings.Count, customers);
    }

    /// <summary>Looks one chunk of one document kind up by number and decides, per invoice, what the ledger learns.</summary>
    private async Task<RunStop?> RebuildChunkAsync(string batchId, DocumentKind kind, PsaInvoice[] chunk, List<InvoiceSyncResult> results, List<LedgerEntry> entries,
        List<InvoiceMapping> mappings, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var invoice in chunk)
        {
            // The number the post would have used; a shortened one is the deterministic first choice, stored again now.
            numbers[invoice.Id] = (await services.Numbers.ApplyAsync(invoice.Number, services.Sink.Capabilities.MaxDocumentNumberLength, persist: true, cancellationToken).ConfigureAwait(false)).Number;
        }

        IReadOnlyList<AccountingInvoiceRef> found;
        try
        {
            found = await services.Sink.FindInvoicesByNumberAsync(numbers.Values.Distinct(StringComparer.Ordinal).ToList(), kind, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            var stop = RunStop.For(ex, services.Now);
            foreach (var invoice in chunk)
            {
                results.Add(new InvoiceSyncResult(invoice.Id, invoice.Number, stop?.Status ?? SyncStatus.Error,
                    [stop?.ItemMessage ?? $"{services.Sink.Name}: not looked up ({ex.Message}); rebuild again to map it."]) { CompanyName = invoice.Company.Name, Total = invoice.Total });
            }

            return stop;
        }

        var byNumber = found.GroupBy(f => f.Number, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var now = services.Now;
        foreach (var invoice in chunk)
        {
            var number = numbers[invoice.Id];
            var marked = invoice.SyncedMark is not null;
            var candidates = byNumber.GetValueOrDefault(number) ?? [];
            var document = candidates.FirstOrDefault(d => SameTotal(d, invoice) && !mappings.Exists(m => m.AccountingInvoiceId == d.Id));
            InvoiceSyncResult result;
            if (document is not null)
            {
                mappings.Add(new InvoiceMapping(services.Connection, invoice.Id, invoice.Number, document.Id, document.Number, kind, now)
                {
                    Total = invoice.Total,
                    PaidDate = invoice.PaidDate,
                });
                result = new InvoiceSyncResult(invoice.Id, invoice.Number, marked ? SyncStatus.Success : SyncStatus.Warning,
                    marked
                        ? []
                        : [$"Found in {services.Sink.Name} as {document.Number} with the same total, but not marked synced in {services.Psa.Name}: mapped, so the next sync updates it and writes the mark."]);
            }
            else if (candidates.Count > 0)
            {
                result = new InvoiceSyncResult(invoice.Id, invoice.Number, SyncStatus.Warning,
                    [$"{services.Sink.Name} holds a document numbered {number} with another total ({string.Join(", ", candidates.Select(c => (c.AmountDue + c.AmountPaid).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} " +
                     $"against {Math.Abs(invoice.Total).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}): not mapped, as it may be someone else's document."]);
            }
            else if (marked)
            {
                result = new InvoiceSyncResult(invoice.Id, invoice.Number, SyncStatus.Warning,
                    [$"Marked synced in {services.Psa.Name}, but {services.Sink.Name} has no document numbered {number}: not mapped (marked without posting, or posted under another number)."]);
            }
            else
            {
                // Neither posted nor marked: an ordinary pending invoice, which the next sync posts.
                continue;
            }

            result = result with
            {
                CompanyName = invoice.Company.Name,
                Total = invoice.Total,
                AccountingInvoiceId = document?.Id,
                AccountingNumber = document?.Number,
                AccountingUrl = document?.WebLink,
            };
            results.Add(result);
            entries.Add(services.EntryOf(batchId, result) with { PsaMarked = marked && document is not null, AccountingUrl = document?.WebLink });
        }

        return null;
    }

    /// <summary>The customer the accounting system finds for each company of the run (manual mappings kept); how many were written.</summary>
    private async Task<int> RebuildCustomersAsync(List<PsaInvoice> invoices, List<InvoiceMapping> mappings, CancellationToken cancellationToken)
    {
        var companies = invoices.GroupBy(i => i.Company.Id, StringComparer.Ordinal).Select(g => g.First().Company).ToList();
        var existing = await services.Ledger.GetCustomerMappingsAsync(services.Connection, companies.Select(c => c.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var customerOf = existing.ToDictionary(e => e.Key, e => e.Value.AccountingCustomerId, StringComparer.Ordinal);
        var written = 0;
        foreach (var chunk in companies.Where(c => existing.GetValueOrDefault(c.Id)?.IsManual != true).Chunk(services.Sizes.AccountingWrite))
        {
            IReadOnlyList<CustomerResolution> found;
            try
            {
                found = await services.Sink.FindCustomersAsync(chunk.Select(c => new CustomerRequest(c, null, ContactSelection.Unchanged)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
            {
                // Customers are matched again by the next post anyway; the invoice mappings are what matters.
                PipelineLog.ChunkFailed(services.Logger, ex, 0, "rebuild", "customer lookup");
                continue;
            }

            foreach (var resolution in found.Where(r => r.Customer is not null && r.Match != CustomerMatchKind.None))
            {
                await services.Ledger.SaveCustomerMappingAsync(
                    new CustomerMapping(services.Connection, resolution.PsaCompanyId, resolution.Customer!.Id, services.Now) { AccountingCustomerName = resolution.Customer.Name },
                    cancellationToken).ConfigureAwait(false);
                customerOf[resolution.PsaCompanyId] = resolution.Customer.Id;
                written++;
            }
        }

        var companyOf = invoices.ToDictionary(i => i.Id, i => i.Company.Id, StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            if (customerOf.TryGetValue(companyOf[mappings[i].PsaInvoiceId], out var customer))
            {
                mappings[i] = mappings[i] with { AccountingCustomerId = customer };
            }
        }

        return written;
    }

    /// <summary>The document's total (due plus paid) is the invoice's, in absolute terms (a credit note is written positive).</summary>
    private static bool SameTotal(AccountingInvoiceRef document, PsaInvoice invoice) =>
        Math.Abs(document.AmountDue + document.AmountPaid - Math.Abs(invoice.Total)) < 0.005m;
}
