using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Steps;

/// <summary>
/// Step 2 of DESIGN §3: each company's accounting customer, once per company per run — the ledger's mapping, else the
/// sink's find-or-create in bulk, asking the <see cref="ICustomerMatchResolver"/> (when registered) about companies with no
/// mapping and no match. In a dry run only the find call is made.
/// </summary>
internal sealed class PrepareCustomersStep(PipelineServices services)
{
    /// <summary>
    /// Settles the customers of the chunk's open invoices and gives each its customer (or its red light, or its skip). A call
    /// that fails is this chunk's red light only; a stop finishes the chunk and lets its pending intents go.
    /// </summary>
    public async Task<RunStop?> SettleChunkAsync(PostContext context, int chunkIndex, WorkItem[] chunk, CancellationToken cancellationToken)
    {
        CustomerOutcome? callFailed = null;
        try
        {
            await ResolveAsync(context, chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(services.Logger, ex, chunkIndex, context.BatchId, "customers");
            var stop = RunStop.For(ex, services.Now);

            // A failed call is this chunk's red light only, not remembered for its companies: a later chunk asks again.
            callFailed = CustomerOutcome.Failed($"{services.Sink.Name}: customer not resolved ({ex.Message}).");
            if (stop is not null)
            {
                stop.FinishAll(chunk);
                await services.Ledger.DeleteIntentsAsync(services.Connection, chunk.Select(i => i.Invoice.Id).ToList(), cancellationToken).ConfigureAwait(false);
                return stop;
            }
        }

        foreach (var item in chunk)
        {
            var outcome = callFailed is null ? context.Customers[item.Invoice.Company.Id] : context.Customers.GetValueOrDefault(item.Invoice.Company.Id, callFailed);
            if (outcome.Error is not null)
            {
                item.Fail(outcome.Error);
            }
            else if (outcome.SkipReason is not null)
            {
                item.Finish(SyncStatus.Warning, $"Not posted: {outcome.SkipReason}");
            }
            else
            {
                item.CustomerId = outcome.Customer!.Id;
                item.Messages.AddRange(outcome.Warnings);
            }
        }

        await services.Ledger.DeleteIntentsAsync(services.Connection, chunk.Where(i => !i.IsOpen).Select(i => i.Invoice.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Settles the customers of the chunk's companies that this run has not settled yet: ledger mapping → sink
    /// find-or-create in bulk, asking the <see cref="ICustomerMatchResolver"/> (when registered) about companies with no
    /// mapping and no match. In a dry run only the find call is made.
    /// </summary>
    public async Task ResolveAsync(PostContext context, IEnumerable<WorkItem> chunk, CancellationToken cancellationToken)
    {
        var companies = chunk
            .Where(i => i.IsOpen)
            .Select(i => i.Invoice.Company)
            .DistinctBy(c => c.Id)
            .Where(c => !context.Customers.ContainsKey(c.Id))
            .ToList();
        if (companies.Count == 0)
        {
            return;
        }

        var mappings = await services.Ledger.GetCustomerMappingsAsync(services.Connection, companies.Select(c => c.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var requests = companies
            .Select(c => new CustomerRequest(c, mappings.GetValueOrDefault(c.Id)?.AccountingCustomerId, context.Selections.GetValueOrDefault(c.Id) ?? ContactSelection.Unchanged))
            .ToList();
        var mappedByResolver = new HashSet<string>(StringComparer.Ordinal);

        if (context.DryRun)
        {
            await PlanCustomersAsync(context, requests, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (services.Resolver is not null)
        {
            var unmapped = requests.Where(r => r.KnownCustomerId is null).ToList();
            var found = unmapped.Count == 0
                ? []
                : await services.Sink.FindCustomersAsync(unmapped, cancellationToken).ConfigureAwait(false);
            var foundByCompany = found.ToDictionary(r => r.PsaCompanyId, StringComparer.Ordinal);
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                if (request.KnownCustomerId is not null)
                {
                    continue;
                }

                var match = foundByCompany.GetValueOrDefault(request.Company.Id);
                if (match?.Customer is not null)
                {
                    requests[i] = request with { KnownCustomerId = match.Customer.Id };
                    continue;
                }

                var decision = await services.Resolver.ResolveAsync(
                    new CustomerMatchContext(services.Connection, request.Company, context.InvoicesByCompany.GetValueOrDefault(request.Company.Id) ?? [], DryRun: false),
                    cancellationToken).ConfigureAwait(false);
                switch (decision.Action)
                {
                    case CustomerMatchAction.MapToExisting when !string.IsNullOrWhiteSpace(decision.CustomerId):
                        requests[i] = request with { KnownCustomerId = decision.CustomerId };
                        mappedByResolver.Add(request.Company.Id);
                        break;
                    case CustomerMatchAction.MapToExisting:
                        context.Customers[request.Company.Id] = CustomerOutcome.Failed("The customer match resolver chose an existing customer without giving its id.");
                        break;
                    case CustomerMatchAction.Skip:
                        context.Customers[request.Company.Id] = CustomerOutcome.Skipped(decision.Reason ?? "the customer match resolver skipped this company.");
                        break;
                }
            }

            requests.RemoveAll(r => context.Customers.ContainsKey(r.Company.Id));
        }

        if (requests.Count == 0)
        {
            return;
        }

        var resolutions = await services.Sink.EnsureCustomersAsync(requests, cancellationToken).ConfigureAwait(false);
        var byCompany = new Dictionary<string, CustomerResolution>(StringComparer.Ordinal);
        foreach (var resolution in resolutions)
        {
            byCompany.TryAdd(resolution.PsaCompanyId, resolution);
        }

        var now = services.Now;
        foreach (var request in requests)
        {
            var companyId = request.Company.Id;
            if (!byCompany.TryGetValue(companyId, out var resolution) || resolution.Customer is null)
            {
                context.Customers[companyId] = CustomerOutcome.Failed(
                    $"{services.Sink.Name}: customer for {request.Company.Name} not resolved ({resolution?.Error ?? "no answer"}).");
                continue;
            }

            var customer = resolution.Customer;
            // A sink may already report the selection's warnings among its own; each message is shown once.
            context.Customers[companyId] = new CustomerOutcome(customer, resolution.Warnings.Concat(request.Contacts.Warnings).Distinct(StringComparer.Ordinal).ToList());
            var existing = mappings.GetValueOrDefault(companyId);
            if (existing?.AccountingCustomerId != customer.Id || existing.AccountingCustomerName != customer.Name)
            {
                await services.Ledger.SaveCustomerMappingAsync(
                    new CustomerMapping(services.Connection, companyId, customer.Id, now)
                    {
                        AccountingCustomerName = customer.Name,
                        IsManual = mappedByResolver.Contains(companyId) || (existing?.IsManual == true && existing.AccountingCustomerId == customer.Id),
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Dry run: find only (by stored id, account number, name); report what would be used or created.</summary>
    private async Task PlanCustomersAsync(PostContext context, List<CustomerRequest> requests, CancellationToken cancellationToken)
    {
        var found = await services.Sink.FindCustomersAsync(requests, cancellationToken).ConfigureAwait(false);
        var byCompany = new Dictionary<string, CustomerResolution>(StringComparer.Ordinal);
        foreach (var resolution in found)
        {
            byCompany.TryAdd(resolution.PsaCompanyId, resolution);
        }

        foreach (var request in requests)
        {
            var company = request.Company;
            var resolution = byCompany.GetValueOrDefault(company.Id);
            var warnings = new List<string>(request.Contacts.Warnings);
            if (resolution?.Error is not null)
            {
                context.Customers[company.Id] = CustomerOutcome.Failed($"{services.Sink.Name}: {resolution.Error}");
                continue;
            }

            if (resolution?.Customer is { } customer)
            {
                warnings.AddRange(resolution.Warnings.Except(warnings, StringComparer.Ordinal));
                context.Customers[company.Id] = new CustomerOutcome(customer, warnings);
                continue;
            }

            if (request.KnownCustomerId is not null)
            {
                warnings.Add($"The mapped customer {request.KnownCustomerId} was not found in {services.Sink.Name}; a post would look it up again.");
            }

            var decision = services.Resolver is null
                ? CustomerMatchDecision.Create()
                : await services.Resolver.ResolveAsync(
                    new CustomerMatchContext(services.Connection, company, context.InvoicesByCompany.GetValueOrDefault(company.Id) ?? [], DryRun: true),
                    cancellationToken).ConfigureAwait(false);
            context.Customers[company.Id] = decision.Action switch
            {
                CustomerMatchAction.Skip => CustomerOutcome.Skipped(decision.Reason ?? "the customer match resolver skipped this company."),
                CustomerMatchAction.MapToExisting => new CustomerOutcome(new AccountingCustomer(decision.CustomerId ?? string.Empty, company.Name), warnings),
                _ => new CustomerOutcome(new AccountingCustomer(string.Empty, company.Name, company.AccountNumber), warnings) { WouldCreate = true },
            };
        }
    }
}
