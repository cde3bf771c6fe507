using WiseSync.QuickBooks.Internal.Api;
using WiseSync.QuickBooks.Internal.Json;

namespace WiseSync.QuickBooks.Internal.Customers;

/// <summary>
/// Finds or creates QBO customers for PSA companies, in bulk: stored Id → DisplayName → create (reference Part 4).
/// One query per 200 names and one /batch call per 30 writes, whatever the number of companies.
/// </summary>
internal sealed class QuickBooksCustomerResolver(QuickBooksApiClient api)
{
    private const int NamesPerQuery = 200;

    public async Task<IReadOnlyList<CustomerResolution>> FindAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken)
    {
        var found = await LookUpAsync(requests, cancellationToken).ConfigureAwait(false);
        return requests.Select((r, i) => found[i] is { } match
                ? new CustomerResolution(r.Company.Id, ToCustomer(match.Customer), match.Kind, [])
                : new CustomerResolution(r.Company.Id, null, CustomerMatchKind.None, []))
            .ToList();
    }

    public async Task<IReadOnlyList<CustomerResolution>> EnsureAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken)
    {
        var found = await LookUpAsync(requests, cancellationToken).ConfigureAwait(false);
        var plans = new List<Plan>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            plans.Add(Plan.For(requests[i], found[i]));
        }

        // Round 1: creates and contact updates together.
        await WriteAsync(plans.Where(p => p.NeedsWrite).ToList(), cancellationToken).ConfigureAwait(false);

        // Round 2: names taken by a vendor, employee or inactive record (6240) get the disambiguated name;
        // stale updates (5010) are re-read once and sent again.
        var retry = plans.Where(p => p.Retry).ToList();
        if (retry.Count > 0)
        {
            var stale = retry.Where(p => p.Existing is not null).ToList();
            if (stale.Count > 0)
            {
                var fresh = await ReadByIdAsync(stale.Select(p => p.Existing!.Id!).ToList(), cancellationToken).ConfigureAwait(false);
                foreach (var plan in stale)
                {
                    plan.Refresh(fresh.GetValueOrDefault(plan.Existing!.Id!));
                }
            }

            await WriteAsync(retry.Where(p => p.NeedsWrite).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return plans.Select(p => p.ToResolution()).ToList();
    }

    private async Task WriteAsync(IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        if (plans.Count == 0)
        {
            return;
        }

        var items = plans.Select((p, i) => p.ToBatchItem("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var byItem = items.Zip(plans).ToDictionary(x => x.First.BatchId, x => x.Second, StringComparer.Ordinal);
        var answers = await BatchRunner.RunAsync(api, "customers", items, item => byItem[item.BatchId].Request.Company.Id, cancellationToken).ConfigureAwait(false);
        foreach (var (bId, plan) in byItem)
        {
            plan.Apply(answers.GetValueOrDefault(bId));
        }
    }

    /// <summary>For each request, the customer found by stored id or by name (inactive ones included), or null.</summary>
    private async Task<IReadOnlyList<(QboCustomer Customer, CustomerMatchKind Kind)?>> LookUpAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken)
    {
        var result = new (QboCustomer Customer, CustomerMatchKind Kind)?[requests.Count];
        var knownIds = requests.Select(r => r.KnownCustomerId).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        var byId = await ReadByIdAsync(knownIds, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].KnownCustomerId is { } id && byId.TryGetValue(id, out var customer))
            {
                result[i] = (customer, CustomerMatchKind.ById);
            }
            else
            {
                var clean = DisplayNames.Clean(requests[i].Company.Name);
                names.Add(clean);
                names.Add(DisplayNames.Disambiguate(clean, requests[i].Company));
            }
        }

        var byName = new Dictionary<string, QboCustomer>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in names.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(NamesPerQuery))
        {
            var rows = await api.QueryAllAsync("Customer", ["DisplayName in " + QboQuery.InList(chunk), "Active in (true, false)"], q => q.Customer, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (row.DisplayName is { } name)
                {
                    byName.TryAdd(name.Trim(), row);
                }
            }
        }

        for (var i = 0; i < requests.Count; i++)
        {
            if (result[i] is not null)
            {
                continue;
            }

            var clean = DisplayNames.Clean(requests[i].Company.Name);
            // The disambiguated name first: it was only ever created for this PSA company.
            if (byName.TryGetValue(DisplayNames.Disambiguate(clean, requests[i].Company), out var own) || byName.TryGetValue(clean, out own))
            {
                result[i] = (own, CustomerMatchKind.ByName);
            }
        }

        return result;
    }

    private async Task<Dictionary<string, QboCustomer>> ReadByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, QboCustomer>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(NamesPerQuery))
        {
            var rows = await api.QueryAllAsync("Customer", ["Id in " + QboQuery.InList(chunk), "Active in (true, false)"], q => q.Customer, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(r => r.Id is not null))
            {
                byId[row.Id!] = row;
            }
        }

        return byId;
    }

    internal static AccountingCustomer ToCustomer(QboCustomer customer) =>
        new(customer.Id ?? string.Empty, customer.DisplayName ?? string.Empty) { IsArchived = customer.Active == false };

    /// <summary>What to do for one request, and what came of it.</summary>
    private sealed class Plan
    {
        private readonly List<string> _warnings = [];
        private string _name = string.Empty;
        private bool _disambiguated;
        private string? _error;
        private QboCustomer? _result;
        private CustomerMatchKind _kind;
        private int _attempts;

        private Plan(CustomerRequest request) => Request = request;

        public CustomerRequest Request { get; }

        public QboCustomer? Existing { get; private set; }

        public string? Email { get; private set; }

        public bool TouchEmail { get; private set; }

        public bool NeedsWrite { get; private set; }

        public bool Retry { get; private set; }

        public static Plan For(CustomerRequest request, (QboCustomer Customer, CustomerMatchKind Kind)? found)
        {
            var plan = new Plan(request);
            if (!request.Contacts.LeavesContactsAlone)
            {
                var wanted = request.Contacts.EmailField ?? request.Contacts.Primary?.Email;
                var (email, dropped) = EmailField.Fit(wanted);
                plan.Email = email;
                plan.TouchEmail = email is not null;
                if (dropped.Count > 0)
                {
                    plan._warnings.Add($"QuickBooks keeps one email field of {EmailField.MaxLength} characters; not added: {string.Join(", ", dropped)}.");
                }
            }

            plan._name = DisplayNames.Clean(request.Company.Name);
            if (found is { } match)
            {
                plan.Existing = match.Customer;
                plan._result = match.Customer;
                plan._kind = match.Kind;
                plan._disambiguated = !string.Equals(match.Customer.DisplayName?.Trim(), plan._name, StringComparison.OrdinalIgnoreCase);
                plan.NeedsWrite = plan.ExistingNeedsUpdate();
            }
            else
            {
                plan._kind = CustomerMatchKind.Created;
                plan.NeedsWrite = true;
            }

            return plan;
        }

        public QboBatchItemRequest ToBatchItem(string bId)
        {
            _attempts++;
            if (Existing is { } existing)
            {
                return new QboBatchItemRequest
                {
                    BatchId = bId,
                    Operation = "update",
                    Customer = new QboCustomer
                    {
                        Id = existing.Id,
                        SyncToken = existing.SyncToken,
                        Sparse = true,
                        Active = existing.Active == false ? true : null,
                        PrimaryEmailAddr = TouchEmail ? new QboEmail(Email) : null,
                    },
                };
            }

            return new QboBatchItemRequest
            {
                BatchId = bId,
                Operation = "create",
                Customer = new QboCustomer
                {
                    DisplayName = _name,
                    CompanyName = _name,
                    PrimaryEmailAddr = TouchEmail ? new QboEmail(Email) : null,
                    Notes = $"PSA company {Request.Company.Id}",
                },
            };
        }

        public void Apply(QboBatchItemResponse? answer)
        {
            NeedsWrite = false;
            Retry = false;
            if (answer?.Customer is { } customer)
            {
                if (Existing?.Active == false)
                {
                    _warnings.Add($"The QuickBooks customer '{customer.DisplayName}' was inactive and has been made active again.");
                }

                _result = customer;
                Existing = Existing is null ? null : customer;
                return;
            }

            var fault = answer?.Fault;
            if (Existing is null)
            {
                if (QuickBooksFaults.HasCode(fault, QuickBooksFaults.DuplicateName) && !_disambiguated)
                {
                    // DisplayName is unique across customers, vendors and employees (reference Part 2.4, error 6240).
                    var taken = _name;
                    _name = DisplayNames.Disambiguate(_name, Request.Company);
                    _disambiguated = true;
                    _warnings.Add($"The name '{taken}' is already used by another QuickBooks customer, vendor or employee; the customer was created as '{_name}'.");
                    NeedsWrite = Retry = true;
                    return;
                }

                _error = answer is null ? "QuickBooks did not answer for this customer." : QuickBooksFaults.Describe(fault);
                return;
            }

            if (QuickBooksFaults.HasCode(fault, QuickBooksFaults.StaleObject) && _attempts < 2)
            {
                Retry = NeedsWrite = true;
                return;
            }

            // The customer exists; only its contact update failed, so invoices can still be posted to it.
            _warnings.Add("The customer's email could not be updated: " + (answer is null ? "no answer" : QuickBooksFaults.Describe(fault)));
        }

        public void Refresh(QboCustomer? fresh)
        {
            if (fresh is null)
            {
                NeedsWrite = false;
                _warnings.Add("The customer changed in QuickBooks while it was being updated and could not be read again.");
                return;
            }

            Existing = fresh;
            _result = fresh;
            NeedsWrite = ExistingNeedsUpdate();
        }

        public CustomerResolution ToResolution() =>
            _error is not null || _result is null
                ? new CustomerResolution(Request.Company.Id, null, CustomerMatchKind.None, _warnings, _error ?? "The customer could not be created in QuickBooks.")
                : new CustomerResolution(Request.Company.Id, ToCustomer(_result), _kind, _warnings);

        private bool ExistingNeedsUpdate() =>
            Existing is { } e
            && (e.Active == false
                || (TouchEmail && !string.Equals(e.PrimaryEmailAddr?.Address, Email, StringComparison.OrdinalIgnoreCase)));
    }
}
