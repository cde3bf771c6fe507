using NodaTime;
using WiseSync.Pipeline.Internal;

namespace WiseSync;

public sealed partial class SyncPipeline
{
    /// <summary>
    /// Rebuilds the invoice and customer mappings of a lost or damaged ledger, into a new (empty) one, from what the vendors
    /// hold: every PSA invoice up to <paramref name="thruDate"/>, synced or not, is looked up by its accounting number.
    /// A document with the invoice's number, kind and total is mapped to it — that is the only proof the neutral contracts
    /// give, so a document with another total is left alone (it may be someone else's) and reported. Mapped invoices that the
    /// PSA marks synced get an entry (marked) in one batch, so payments and delete-batch work as before; mapped ones without the
    /// mark are updated and marked by the next post instead of being created again. Companies get the customer the accounting
    /// system finds for them (by account number, then name); manual mappings already in the ledger are kept.
    /// </summary>
    /// <exception cref="SyncAlreadyRunningException">Another run of this connection holds the lease.</exception>
    public async Task<LedgerRebuildResult> RebuildLedgerAsync(LocalDate thruDate, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _clock.GetCurrentInstant();
        var batchId = NewBatchId(started);
        var lease = await AcquireLeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _ledger.CreateBatchAsync(new LedgerBatch(batchId, Connection, SyncAction.PostToAccounting, started), cancellationToken).ConfigureAwait(false);
            var request = new SyncRequest(SyncAction.PostToAccounting, thruDate) { IncludeAlreadySynced = true };
            var (invoices, stop) = await ReadForRunAsync(batchId, request, cancellationToken).ConfigureAwait(false);
            invoices = invoices.Where(i => !i.IsVoided && InvalidShape(i) is null).ToList();
            PipelineLog.RunStarted(_logger, SyncAction.PostToAccounting, Connection, batchId, invoices.Count);

            var results = new List<InvoiceSyncResult>();
            var entries = new List<LedgerEntry>();
            var mappings = new List<InvoiceMapping>();
            var done = 0;
            var chunkSize = Sizes.AccountingWrite;
            foreach (var group in invoices.GroupBy(i => i.DocumentKind))
            {
                foreach (var chunk in group.Chunk(chunkSize))
                {
                    if (stop is null)
                    {
                        stop = await RebuildChunkAsync(batchId, group.Key, chunk, results, entries, mappings, cancellationToken).ConfigureAwait(false);
                    }

                    done += chunk.Length;
                    Report(progress, done, invoices.Count, chunk[^1].Number);
                    lease = await _ledger.RenewLeaseAsync(lease, LeaseDuration, cancellationToken).ConfigureAwait(false);
                }
            }

            var customers = stop is null ? await RebuildCustomersAsync(invoices, mappings, cancellationToken).ConfigureAwait(false) : 0;
            foreach (var mapping in mappings)
            {
                await _ledger.SaveInvoiceMappingAsync(mapping, cancellationToken).ConfigureAwait(false);
            }

            await _ledger.SaveEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
            var report = await FinishAsync(batchId, SyncAction.PostToAccounting, started, results, stop?.Reason, cancellationToken).ConfigureAwait(false);
            return new LedgerRebuildResult(report, invoices.Count, mappings.Count, customers);
        }
        finally
        {
            await ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>Looks one chunk of one document kind up by number and decides, per invoice, what the ledger learns.</summary>
    private async Task<RunStop?> RebuildChunkAsync(string batchId, DocumentKind kind, PsaInvoice[] chunk, List<InvoiceSyncResult> results, List<LedgerEntry> entries,
        List<InvoiceMapping> mappings, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var invoice in chunk)
        {
            // The number the post would have used; a shortened one is the deterministic first choice, stored again now.
            numbers[invoice.Id] = (await _numbers.ApplyAsync(invoice.Number, _sink.Capabilities.MaxDocumentNumberLength, persist: true, cancellationToken).ConfigureAwait(false)).Number;
        }

        IReadOnlyList<AccountingInvoiceRef> found;
        try
        {
            found = await _sink.FindInvoicesByNumberAsync(numbers.Values.Distinct(StringComparer.Ordinal).ToList(), kind, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            foreach (var invoice in chunk)
            {
                results.Add(new InvoiceSyncResult(invoice.Id, invoice.Number, stop?.Status ?? SyncStatus.Error,
                    [stop?.ItemMessage ?? $"{_sink.Name}: not looked up ({ex.Message}); rebuild again to map it."]) { CompanyName = invoice.Company.Name, Total = invoice.Total });
            }

            return stop;
        }

        var byNumber = found.GroupBy(f => f.Number, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var now = _clock.GetCurrentInstant();
        foreach (var invoice in chunk)
        {
            var number = numbers[invoice.Id];
            var marked = invoice.SyncedMark is not null;
            var candidates = byNumber.GetValueOrDefault(number) ?? [];
            var document = candidates.FirstOrDefault(d => SameTotal(d, invoice) && !mappings.Exists(m => m.AccountingInvoiceId == d.Id));
            InvoiceSyncResult result;
            if (document is not null)
            {
                mappings.Add(new InvoiceMapping(Connection, invoice.Id, invoice.Number, document.Id, document.Number, kind, now)
                {
                    Total = invoice.Total,
                    PaidDate = invoice.PaidDate,
                });
                result = new InvoiceSyncResult(invoice.Id, invoice.Number, marked ? SyncStatus.Success : SyncStatus.Warning,
                    marked
                        ? []
                        : [$"Found in {_sink.Name} as {document.Number} with the same total, but not marked synced in {_psa.Name}: mapped, so the next sync updates it and writes the mark."]);
            }
            else if (candidates.Count > 0)
            {
                result = new InvoiceSyncResult(invoice.Id, invoice.Number, SyncStatus.Warning,
                    [$"{_sink.Name} holds a document numbered {number} with another total ({string.Join(", ", candidates.Select(c => (c.AmountDue + c.AmountPaid).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} " +
                     $"against {Math.Abs(invoice.Total).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}): not mapped, as it may be someone else's document."]);
            }
            else if (marked)
            {
                result = new InvoiceSyncResult(invoice.Id, invoice.Number, SyncStatus.Warning,
                    [$"Marked synced in {_psa.Name}, but {_sink.Name} has no document numbered {number}: not mapped (marked without posting, or posted under another number)."]);
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
            entries.Add(EntryOf(batchId, result) with { PsaMarked = marked && document is not null, AccountingUrl = document?.WebLink });
        }

        return null;
    }

    /// <summary>The customer the accounting system finds for each company of the run (manual mappings kept); how many were written.</summary>
    private async Task<int> RebuildCustomersAsync(List<PsaInvoice> invoices, List<InvoiceMapping> mappings, CancellationToken cancellationToken)
    {
        var companies = invoices.GroupBy(i => i.Company.Id, StringComparer.Ordinal).Select(g => g.First().Company).ToList();
        var existing = await _ledger.GetCustomerMappingsAsync(Connection, companies.Select(c => c.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var customerOf = existing.ToDictionary(e => e.Key, e => e.Value.AccountingCustomerId, StringComparer.Ordinal);
        var written = 0;
        foreach (var chunk in companies.Where(c => existing.GetValueOrDefault(c.Id)?.IsManual != true).Chunk(Sizes.AccountingWrite))
        {
            IReadOnlyList<CustomerResolution> found;
            try
            {
                found = await _sink.FindCustomersAsync(chunk.Select(c => new CustomerRequest(c, null, ContactSelection.Unchanged)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsFailure(ex, cancellationToken))
            {
                // Customers are matched again by the next post anyway; the invoice mappings are what matters.
                PipelineLog.ChunkFailed(_logger, ex, 0, "rebuild", "customer lookup");
                continue;
            }

            foreach (var resolution in found.Where(r => r.Customer is not null && r.Match != CustomerMatchKind.None))
            {
                await _ledger.SaveCustomerMappingAsync(
                    new CustomerMapping(Connection, resolution.PsaCompanyId, resolution.Customer!.Id, _clock.GetCurrentInstant()) { AccountingCustomerName = resolution.Customer.Name },
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
