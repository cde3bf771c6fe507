using WiseSync.Pipeline.Internal;
using WiseSync.Policies;

namespace WiseSync.Pipeline.Steps;

/// <summary>
/// Before the chunk steps of DESIGN §3, per window: maps lines, due dates and numbers, reads the invoice mappings, fetches the companies'
/// contacts in bulk and chooses them per company. An invoice that cannot be posted is finished here with its reason.
/// </summary>
internal sealed class PrepareInvoicesStep(PipelineServices services)
{
    /// <summary>Prepares the window's invoices; a stop when reading contacts ends the run. <paramref name="persist"/> is false in a dry run.</summary>
    public async Task<RunStop?> RunAsync(List<WorkItem> items, PostContext context, bool persist, CancellationToken cancellationToken)
    {
        await PrepareEachAsync(items, context, persist, cancellationToken).ConfigureAwait(false);
        var open = items.Where(i => i.IsOpen).ToList();
        foreach (var item in open)
        {
            var company = item.Invoice.Company.Id;
            if (!context.InvoicesByCompany.TryGetValue(company, out var list))
            {
                context.InvoicesByCompany[company] = list = [];
            }

            list.Add(item.Invoice);
        }

        if (open.Count == 0 || services.Options.ContactEmailHandling == ContactEmailHandling.None)
        {
            return null;
        }

        return await ChooseContactsAsync(open, context, cancellationToken).ConfigureAwait(false);
    }

    private async Task PrepareEachAsync(List<WorkItem> items, PostContext context, bool persist, CancellationToken cancellationToken)
    {
        var capabilities = services.Sink.Capabilities;
        var lines = new LineMappingPolicy(services.Options.Lines);
        var mappings = await services.Ledger.GetInvoiceMappingsAsync(services.Connection, items.Select(i => i.Invoice.Id).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            var invoice = item.Invoice;
            if (context.Failures?.Orphan(PsaWriteKind.SyncedMark, invoice.Id) is { } orphan)
            {
                // Posted before, and the PSA refused its mark in too many runs: a person resolves it; nothing is written.
                item.Fail(context.Failures.Describe(orphan, services.Psa.Name, services.Sink.Name));
                continue;
            }

            if (invoice.IsVoided)
            {
                item.Finish(SyncStatus.Warning, "Voided in the PSA; not posted.");
                continue;
            }

            if (InvoiceShape.Problem(invoice) is { } problem)
            {
                item.Fail(problem);
                continue;
            }

            if (invoice.NotPostableReason is { } why)
            {
                item.Fail($"{services.Psa.Name}: {why.TrimEnd('.')}.");
                continue;
            }

            try
            {
                var mapped = lines.Map(invoice, capabilities);
                item.Lines = mapped;
                item.Messages.AddRange(mapped.Warnings);
                if (mapped.Error is not null)
                {
                    item.Fail(mapped.Error);
                    continue;
                }

                item.Due = services.DueDates.Compute(invoice);
                if (item.Due.Warning is not null)
                {
                    item.Messages.Add(item.Due.Warning);
                }

                item.Number = await services.Numbers.ApplyAsync(invoice.Number, capabilities.MaxDocumentNumberLength, persist, cancellationToken).ConfigureAwait(false);
                if (item.Number.Warning is not null)
                {
                    item.Messages.Add(item.Number.Warning);
                }

                item.Mapping = mappings.GetValueOrDefault(invoice.Id);
                item.PayloadHash = PayloadHash.Of(invoice, item.Number.Number, LocalDateText.From(item.Due.DueDate), mapped.Lines, mapped.Total, mapped.TaxTotal, item.Mapping?.AccountingInvoiceId);
                item.IdempotencyKey = PayloadHash.IdempotencyKey(services.Connection, invoice.Id, item.PayloadHash);
            }
            catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
            {
                // One invoice's data that a policy cannot handle is that invoice's red light, never the run's end.
                PipelineLog.InvoicePrepareFailed(services.Logger, ex, invoice.Id, context.BatchId);
                item.Fail($"Could not be prepared: {ex.Message}");
            }
        }
    }

    private async Task<RunStop?> ChooseContactsAsync(List<WorkItem> open, PostContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<PsaContact> contacts;
        try
        {
            contacts = await services.Psa.GetCompanyContactsAsync(context.InvoicesByCompany.Keys.ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            var stop = RunStop.For(ex, services.Now);
            if (stop is not null)
            {
                return stop;
            }

            foreach (var item in open)
            {
                item.Messages.Add($"Contacts not updated: {services.Psa.Name} contacts could not be read ({ex.Message}).");
            }

            return null;
        }

        var capabilities = services.Sink.Capabilities;
        foreach (var (companyId, invoices) in context.InvoicesByCompany)
        {
            // The union of the recipients of the company's invoices in this run, first seen first.
            var recipients = invoices.SelectMany(i => i.Recipients).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            context.Selections[companyId] = services.ContactPolicy.Select(companyId, recipients, contacts, capabilities);
        }

        foreach (var item in open)
        {
            item.InvoiceEmail = services.ContactPolicy.SelectInvoiceEmail(item.Invoice.Company.Id, item.Invoice.Recipients, contacts);
        }

        return null;
    }
}
