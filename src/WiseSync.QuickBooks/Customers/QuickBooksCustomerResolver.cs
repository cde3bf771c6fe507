using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Customers;

/// <summary>
/// Finds or creates QBO customers for PSA companies, in bulk: stored Id → the PSA company the customer carries (the
/// marker this resolver writes into Notes; QBO has no external-id field, reference Part 2.4) → DisplayName of a
/// customer that carries no other company's marker → create (reference Part 4). A same-name customer of another PSA
/// company is never a match: this company gets its own customer under the disambiguated name, with a warning.
/// One query per 200 names and one /batch call per 30 writes, whatever the number of companies.
/// </summary>
internal sealed class QuickBooksCustomerResolver(QuickBooksApiClient api)
{
    private const int NamesPerQuery = 200;

    public async Task<IReadOnlyList<CustomerResolution>> FindAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken)
    {
        var found = await LookUpAsync(requests, cancellationToken).ConfigureAwait(false);
        return requests.Select((r, i) => found[i].Customer is { } customer
                ? new CustomerResolution(r.Company.Id, ToCustomer(customer), found[i].Kind, [])
                : new CustomerResolution(r.Company.Id, null, CustomerMatchKind.None, found[i].Warning is { } w ? [w] : []))
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

    /// <summary>
    /// For each request, the customer found by stored id, else among the customers named like the company (inactive
    /// ones included) the one that carries this company's marker, else one that carries no marker at all.
    /// </summary>
    private async Task<Lookup[]> LookUpAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken)
    {
        var result = new Lookup[requests.Count];
        var knownIds = requests.Select(r => r.KnownCustomerId).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        var byId = await ReadByIdAsync(knownIds, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].KnownCustomerId is { } id && byId.TryGetValue(id, out var customer))
            {
                result[i] = new Lookup(customer, CustomerMatchKind.ById);
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
            if (result[i].Customer is not null)
            {
                continue;
            }

            var company = requests[i].Company;
            var clean = DisplayNames.Clean(company.Name);
            var candidates = new[] { DisplayNames.Disambiguate(clean, company), clean }
                .Select(n => byName.GetValueOrDefault(n))
                .OfType<QboCustomer>()
                .ToList();
            var ours = candidates.Find(c => CompanyMarker.Read(c.Notes) == company.Id);
            var unmarked = candidates.Find(c => CompanyMarker.Read(c.Notes) is null);
            var other = candidates.Find(c => CompanyMarker.Read(c.Notes) is { } marked && marked != company.Id);
            result[i] = ours is not null ? new Lookup(ours, CustomerMatchKind.ByAccountNumber)
                : unmarked is not null ? new Lookup(unmarked, CustomerMatchKind.ByName)
                : other is not null ? new Lookup(null, CustomerMatchKind.None, $"The QuickBooks customer '{other.DisplayName?.Trim()}' belongs to another PSA company ({CompanyMarker.Read(other.Notes)}); this company gets its own customer, '{DisplayNames.Disambiguate(clean, company)}'.", UseDisambiguatedName: true)
                : default;
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

    /// <summary>What the lookup found for one request; a null customer with <paramref name="UseDisambiguatedName"/> means the plain name belongs to another company.</summary>
    private readonly record struct Lookup(QboCustomer? Customer, CustomerMatchKind Kind, string? Warning = null, bool UseDisambiguatedName = false);

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

        public static Plan For(CustomerRequest request, Lookup found)
        {
            var plan = new Plan(request);
            plan._name = DisplayNames.Clean(request.Company.Name);
            plan.Existing = found.Customer;
            plan.ChooseEmail();
            if (found.Customer is { } customer)
            {
                plan._result = customer;
                plan._kind = found.Kind;
                plan._disambiguated = !string.Equals(customer.DisplayName?.Trim(), plan._name, StringComparison.OrdinalIgnoreCase);
                plan.NeedsWrite = plan.ExistingNeedsUpdate();
            }
            else
            {
                plan._kind = CustomerMatchKind.Created;
                plan.NeedsWrite = true;
                if (found.UseDisambiguatedName)
                {
                    plan._name = DisplayNames.Disambiguate(plan._name, request.Company);
                    plan._disambiguated = true;
                }

                if (found.Warning is not null)
                {
                    plan._warnings.Add(found.Warning);
                }
            }

            return plan;
        }

        /// <summary>
        /// The one email field, from the contact-email policy's decision: the primary first, then the other recipients,
        /// whole addresses within 100 characters. With no usable recipient the existing list stays, with the PSA
        /// primary put first when it is not already; a customer created now gets the primary alone.
        /// </summary>
        private void ChooseEmail()
        {
            var selection = Request.Contacts;
            if (selection.LeavesContactsAlone)
            {
                return;
            }

            IEnumerable<string> wanted;
            if (selection.EmailAddresses is { } chosen)
            {
                wanted = chosen;
            }
            else
            {
                var existing = (Existing?.PrimaryEmailAddr?.Address ?? string.Empty)
                    .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                wanted = selection.Primary is { } primary ? existing.Prepend(primary.Email.Trim()) : existing;
            }

            var (email, dropped) = EmailField.Fit(string.Join(",", wanted));
            Email = email;
            TouchEmail = email is not null;
            if (dropped.Count > 0)
            {
                _warnings.Add(EmailField.DroppedWarning(dropped));
            }
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
                    Notes = CompanyMarker.Write(Request.Company.Id),
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
            ChooseEmail();
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
