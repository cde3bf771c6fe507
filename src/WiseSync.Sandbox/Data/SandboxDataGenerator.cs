namespace WiseSync.Sandbox.Data;

/// <summary>
/// Deterministic PSA data for a seed: the same (seed, companies, invoices, reference date) always
/// gives the same dataset, because every draw comes from one <see cref="Random"/> seeded here — never the clock.
/// </summary>
internal static class SandboxDataGenerator
{
    private static readonly string[] NameFirst = ["Acme", "Blue Harbor", "Cedar", "Delta", "Evergreen", "Foxglove", "Granite", "Harbor Point", "Ironwood", "Juniper", "Kestrel", "Lakeside", "Maple & Oak", "Northwind", "O'Brien", "Pinnacle", "Quartz", "Riverbend", "Summit", "Tidewater", "Union Square", "Valley", "Westgate", "Yellowstone", "Zenith"];
    private static readonly string[] NameSecond = ["Dental", "Logistics", "Legal", "Accounting", "Engineering", "Medical", "Realty", "Manufacturing", "Insurance", "Architects", "Consulting", "Foods", "Motors", "Clinic", "Partners"];
    private static readonly string[] NameSuffix = ["LLC", "Inc.", "Ltd", "Group", "& Sons", "Co.", "PLLC"];
    private static readonly string[] FirstNames = ["Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Isabel", "James", "Keira", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Ruth", "Sven", "Tara", "Uma", "Victor", "Wen", "Yusuf", "Zoe"];
    private static readonly string[] LastNames = ["Anders", "Brown", "Castillo", "Dubois", "Evans", "Fischer", "García", "Hughes", "Ivanova", "Jones", "Kowalski", "Lee", "Martin", "Nakamura", "O'Connor", "Patel", "Quist", "Rossi", "Smith", "Taylor", "Umar", "Vance", "Wright", "Young", "Zhang"];
    private static readonly string[] Streets = ["Main St", "Harbor Rd", "Elm Ave", "Commerce Blvd", "Industrial Pkwy", "Station Rd", "Market St", "Lakeview Dr"];
    private static readonly (string City, string State, string Postal)[] Cities = [("Austin", "TX", "78701"), ("Denver", "CO", "80202"), ("Portland", "OR", "97201"), ("Raleigh", "NC", "27601"), ("Columbus", "OH", "43215"), ("Madison", "WI", "53703")];
    private static readonly string[] Services = ["Remote support", "On-site support", "Server maintenance", "Network troubleshooting", "Project work: migration", "Security review", "Backup verification", "User onboarding"];
    private static readonly (string Code, string Name, decimal Min, decimal Max)[] Products = [("LAP-14", "Laptop 14\"", 899m, 1899m), ("MON-27", "Monitor 27\"", 189m, 449m), ("SW-M365", "Microsoft 365 Business Premium", 22m, 22m), ("SW-AV", "Endpoint protection licence", 4.5m, 9m), ("NET-SW24", "24-port switch", 249m, 899m), ("CBL-CAT6", "Cat6 cable 3m", 5.99m, 12.5m)];
    private static readonly string[] Expenses = ["Mileage", "Parking", "Travel: airfare", "Hotel", "Shipping"];

    public static readonly IReadOnlyList<SandboxPaymentTerm> PaymentTerms =
    [
        new() { Id = 1, Name = "Net 7", Days = 7 },
        new() { Id = 2, Name = "Net 14", Days = 14 },
        new() { Id = 3, Name = "Net 30", Days = 30 },
        new() { Id = 4, Name = "30 days after end of month", Days = 30, AfterEndOfMonth = true },
    ];

    public static readonly IReadOnlyList<SandboxDivision> Divisions =
    [
        new() { Id = 1, Name = "Managed Services" },
        new() { Id = 2, Name = "Projects" },
        new() { Id = 3, Name = "Hardware & Licensing" },
    ];

    public static readonly IReadOnlyList<SandboxTaxRate> TaxRates =
    [
        new() { Id = 1, Name = "Tax exempt", Rate = 0m },
        new() { Id = 2, Name = "Sales tax 8.25%", Rate = 0.0825m },
        new() { Id = 3, Name = "Sales tax 5%", Rate = 0.05m },
    ];

    public static SandboxDataset Generate(int seed, int companies, int invoices, DateOnly referenceDate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(companies);
        ArgumentOutOfRangeException.ThrowIfNegative(invoices);
        if (invoices > 0 && companies == 0)
            throw new ArgumentOutOfRangeException(nameof(companies), "Invoices need at least one company.");

        var random = new Random(seed);
        var companyList = new List<SandboxCompany>(companies);
        var contactList = new List<SandboxContact>();
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var nextContactId = 5001;

        for (var c = 0; c < companies; c++)
        {
            var name = NextCompanyName(random);
            for (var attempt = 1; !usedNames.Add(name); attempt++)
                name = attempt < 20 ? NextCompanyName(random) : $"{NextCompanyName(random)} {c + 1}";

            var city = Pick(random, Cities);
            var company = new SandboxCompany
            {
                Id = 101 + c,
                Name = name,
                AccountNumber = $"ACC-{10001 + c}",
                Phone = $"+1 555 {random.Next(100, 1000)} {random.Next(1000, 10000)}",
                Address1 = $"{random.Next(1, 9999)} {Pick(random, Streets)}",
                Address2 = random.Next(4) == 0 ? $"Suite {random.Next(100, 999)}" : null,
                City = city.City,
                State = city.State,
                PostalCode = city.Postal,
                Country = "United States",
                PaymentTermId = PaymentTerms[random.Next(PaymentTerms.Count)].Id,
                TaxRateId = TaxRates[random.Next(TaxRates.Count)].Id,
            };
            companyList.Add(company);

            var domain = Slug(name) + ".example";
            var contactCount = random.Next(1, 9);
            var primaryIndex = random.Next(contactCount);
            var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var k = 0; k < contactCount; k++)
            {
                var first = Pick(random, FirstNames);
                var last = Pick(random, LastNames);
                // Some contacts have long addresses: QuickBooks' 100-character email field must drop whole ones.
                var local = random.Next(12) == 0
                    ? $"{Slug(first)}.{Slug(last)}.accounts-payable-notifications-{random.Next(1000, 9999)}"
                    : $"{Slug(first)}.{Slug(last)}";
                var email = $"{local}@{domain}";
                for (var n = 2; !emails.Add(email); n++)
                    email = $"{local}{n}@{domain}";
                contactList.Add(new SandboxContact
                {
                    Id = nextContactId++,
                    CompanyId = company.Id,
                    FirstName = first,
                    LastName = last,
                    Email = email,
                    IsPrimary = k == primaryIndex,
                    Active = k == primaryIndex || random.Next(7) != 0,
                });
            }
        }

        var contactsByCompany = contactList.ToLookup(x => x.CompanyId);
        var invoiceList = new List<SandboxInvoice>(invoices);
        var nextLineId = 900001;
        for (var i = 0; i < invoices; i++)
        {
            var company = companyList[random.Next(companyList.Count)];
            var term = PaymentTerms.First(t => t.Id == company.PaymentTermId);
            var taxRate = TaxRates.First(t => t.Id == company.TaxRateId);
            var date = referenceDate.AddDays(-random.Next(0, 60));
            var lines = new List<SandboxInvoiceLine>();
            var lineCount = random.Next(1, 13);
            for (var l = 0; l < lineCount; l++)
                lines.Add(NextLine(random, nextLineId++, date, taxRate, l == 0));

            var billable = lines.Where(x => x.Billable).ToList();
            var subtotal = billable.Sum(x => x.Amount);
            var tax = billable.Sum(x => x.Tax);
            invoiceList.Add(new SandboxInvoice
            {
                Id = 70001 + i,
                Number = $"INV-{10001 + i}",
                CompanyId = company.Id,
                Date = date,
                DueDate = term.DueDate(date),
                PaymentTermId = term.Id,
                DivisionId = random.Next(5) == 0 ? null : Divisions[random.Next(Divisions.Count)].Id,
                TaxRateId = taxRate.Id,
                PurchaseOrderNumber = random.Next(3) == 0 ? $"PO-{random.Next(1000, 99999)}" : null,
                Comments = random.Next(4) == 0 ? "Thank you for your business." : null,
                Subtotal = subtotal,
                Tax = tax,
                Total = subtotal + tax,
                Lines = lines,
                Recipients = NextRecipients(random, contactsByCompany[company.Id].ToList(), contactList, company),
            });
        }

        return new SandboxDataset
        {
            ReferenceDate = referenceDate,
            Companies = companyList,
            Contacts = contactList,
            Invoices = invoiceList,
            PaymentTerms = PaymentTerms,
            Divisions = Divisions,
            TaxRates = TaxRates,
        };
    }

    private static SandboxInvoiceLine NextLine(Random random, int id, DateOnly invoiceDate, SandboxTaxRate taxRate, bool first)
    {
        var kind = (SandboxLineKind)random.Next(3);
        string description;
        string? code = null;
        decimal quantity, price;
        bool taxable;
        switch (kind)
        {
            case SandboxLineKind.Service:
                description = Pick(random, Services);
                quantity = random.Next(1, 33) * 0.25m;
                price = random.Next(19, 46) * 5m;
                taxable = false;
                break;
            case SandboxLineKind.Product:
                var product = Pick(random, Products);
                description = product.Name;
                code = product.Code;
                quantity = random.Next(1, 11);
                price = product.Min == product.Max ? product.Min : Math.Round(product.Min + (decimal)random.NextDouble() * (product.Max - product.Min), 2);
                taxable = true;
                break;
            default:
                description = Pick(random, Expenses);
                quantity = 1;
                price = Math.Round(10m + (decimal)random.NextDouble() * 390m, 2);
                taxable = random.Next(2) == 0;
                break;
        }

        var amount = Math.Round(quantity * price, 2, MidpointRounding.AwayFromZero);
        // The first line is always billable so no generated invoice totals zero.
        var billable = first || random.Next(10) != 0;
        var tax = taxable ? Math.Round(amount * taxRate.Rate, 2, MidpointRounding.AwayFromZero) : 0m;
        return new SandboxInvoiceLine
        {
            Id = id,
            Kind = kind,
            Description = description,
            ItemCode = code,
            Quantity = quantity,
            UnitPrice = price,
            Amount = amount,
            Billable = billable,
            Taxable = taxable,
            Tax = tax,
            Date = invoiceDate.AddDays(-random.Next(0, 28)),
        };
    }

    private static List<SandboxRecipient> NextRecipients(Random random, List<SandboxContact> own, List<SandboxContact> all, SandboxCompany company)
    {
        var recipients = new List<SandboxRecipient>();
        var shape = random.Next(10);
        if (shape == 0)
        {
            // A big distribution list: every contact of the company (PSA order) plus ad-hoc addresses, 6 or more in all.
            recipients.AddRange(own.Select(c => new SandboxRecipient { ContactId = c.Id, Email = c.Email }));
            for (var n = 1; recipients.Count < 6 || n <= 2; n++)
                recipients.Add(new SandboxRecipient { Email = $"billing{n}@{Slug(company.Name)}-finance.example" });
        }
        else
        {
            // A subset in PSA order; the primary is sometimes among them, sometimes not.
            var includePrimary = random.Next(2) == 0;
            foreach (var contact in own)
            {
                if (contact.IsPrimary ? includePrimary : random.Next(3) == 0)
                    recipients.Add(new SandboxRecipient { ContactId = contact.Id, Email = contact.Email });
            }

            if (random.Next(5) == 0)
                recipients.Add(new SandboxRecipient { Email = $"ap@{Slug(company.Name)}-outsourced.example" });
            if (random.Next(20) == 0)
            {
                // Somebody from another company: ignored by the contact policy.
                var stranger = all[random.Next(all.Count)];
                if (stranger.CompanyId != company.Id)
                    recipients.Add(new SandboxRecipient { ContactId = stranger.Id, Email = stranger.Email });
            }

            if (random.Next(25) == 0)
                recipients.Add(new SandboxRecipient { Email = $"a-very-long-shared-mailbox-for-invoices-and-statements@{Slug(company.Name)}-holdings-international.example" });
            if (recipients.Count == 0)
            {
                var primary = own.First(c => c.IsPrimary);
                recipients.Add(new SandboxRecipient { ContactId = primary.Id, Email = primary.Email });
            }
        }

        return recipients;
    }

    private static string NextCompanyName(Random random) =>
        $"{Pick(random, NameFirst)} {Pick(random, NameSecond)} {Pick(random, NameSuffix)}";

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant()
            .Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or ' ' or '-')
            .ToArray();
        return string.Join('-', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
