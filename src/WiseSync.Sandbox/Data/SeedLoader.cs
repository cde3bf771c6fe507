namespace WiseSync.Sandbox.Data;

/// <summary>Turns a seed document into a dataset, rejecting dangling references with readable messages.</summary>
internal static class SeedLoader
{
    public static SandboxDataset Build(SeedDocument document, SandboxOptions options, out IReadOnlyList<string> errors)
    {
        document = Normalize(document);
        var referenceDate = document.ReferenceDate ?? options.ReferenceDate;
        SandboxDataset dataset;
        if (document.Generate is { } generate)
        {
            var baseline = SandboxDataGenerator.Generate(
                generate.Seed ?? options.Seed, generate.Companies ?? options.Companies, generate.Invoices ?? options.Invoices, referenceDate);
            dataset = baseline with
            {
                Companies = Upsert(baseline.Companies, document.Companies, x => x.Id),
                Contacts = Upsert(baseline.Contacts, document.Contacts, x => x.Id),
                Invoices = Upsert(baseline.Invoices, document.Invoices, x => x.Id),
                PaymentTerms = Upsert(baseline.PaymentTerms, document.PaymentTerms, x => x.Id),
                Divisions = Upsert(baseline.Divisions, document.Divisions, x => x.Id),
                TaxRates = Upsert(baseline.TaxRates, document.TaxRates, x => x.Id),
                Problems = document.Problems ?? [],
            };
        }
        else
        {
            dataset = new SandboxDataset
            {
                ReferenceDate = referenceDate,
                Companies = document.Companies ?? [],
                Contacts = document.Contacts ?? [],
                Invoices = document.Invoices ?? [],
                PaymentTerms = document.PaymentTerms ?? SandboxDataGenerator.PaymentTerms,
                Divisions = document.Divisions ?? SandboxDataGenerator.Divisions,
                TaxRates = document.TaxRates ?? SandboxDataGenerator.TaxRates,
                Problems = document.Problems ?? [],
            };
        }

        errors = Validate(dataset);
        return dataset;
    }

    /// <summary>
    /// Missing or null lists and strings become empty: the source-generated reader sets absent init-only
    /// properties to null rather than keeping their initialisers.
    /// </summary>
    private static SeedDocument Normalize(SeedDocument document) => document with
    {
        Companies = document.Companies?.Select(c => c with
        {
            Name = c.Name ?? "",
            AccountNumber = c.AccountNumber ?? "",
        }).ToList(),
        Contacts = document.Contacts?.Select(c => c with
        {
            FirstName = c.FirstName ?? "",
            LastName = c.LastName ?? "",
            Email = c.Email ?? "",
        }).ToList(),
        Invoices = document.Invoices?.Select(i => i with
        {
            Number = i.Number ?? "",
            Currency = i.Currency ?? "USD",
            Lines = (i.Lines ?? []).Select(l => l with { Description = l.Description ?? "" }).ToList(),
            Recipients = (i.Recipients ?? []).Select(r => r with { Email = r.Email ?? "" }).ToList(),
        }).ToList(),
        PaymentTerms = document.PaymentTerms?.Select(t => t with { Name = t.Name ?? "" }).ToList(),
        Divisions = document.Divisions?.Select(d => d with { Name = d.Name ?? "" }).ToList(),
        TaxRates = document.TaxRates?.Select(t => t with { Name = t.Name ?? "" }).ToList(),
        Problems = document.Problems?.Select(p => p with { Kind = p.Kind ?? "" }).ToList(),
    };

    private static List<T> Upsert<T>(IReadOnlyList<T> baseline, IReadOnlyList<T>? changes, Func<T, int> id)
    {
        var result = baseline.ToList();
        foreach (var item in changes ?? [])
        {
            var index = result.FindIndex(x => id(x) == id(item));
            if (index >= 0)
                result[index] = item;
            else
                result.Add(item);
        }

        return result;
    }

    private static List<string> Validate(SandboxDataset data)
    {
        var errors = new List<string>();
        var companies = data.Companies.Select(x => x.Id).ToHashSet();
        var terms = data.PaymentTerms.Select(x => x.Id).ToHashSet();
        var contacts = data.Contacts.Select(x => x.Id).ToHashSet();
        Duplicates(data.Companies.Select(x => x.Id), "company", errors);
        Duplicates(data.Contacts.Select(x => x.Id), "contact", errors);
        Duplicates(data.Invoices.Select(x => x.Id), "invoice", errors);
        foreach (var contact in data.Contacts.Where(x => !companies.Contains(x.CompanyId)))
            errors.Add($"contact {contact.Id}: company {contact.CompanyId} does not exist");
        foreach (var invoice in data.Invoices)
        {
            if (!companies.Contains(invoice.CompanyId))
                errors.Add($"invoice {invoice.Id}: company {invoice.CompanyId} does not exist");
            if (!terms.Contains(invoice.PaymentTermId))
                errors.Add($"invoice {invoice.Id}: payment term {invoice.PaymentTermId} does not exist");
            foreach (var recipient in invoice.Recipients.Where(r => r.ContactId is { } id && !contacts.Contains(id)))
                errors.Add($"invoice {invoice.Id}: recipient contact {recipient.ContactId} does not exist");
        }

        return errors;
    }

    private static void Duplicates(IEnumerable<int> ids, string what, List<string> errors)
    {
        foreach (var id in ids.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add($"{what} id {id} appears more than once");
    }
}
