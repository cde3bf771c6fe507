using System.Text.Json.Nodes;

namespace WiseSync.Reliability.Tests.Contacts;

/// <summary>
/// The sandbox seed of <see cref="ContactRuleTests"/>: one PSA company per scenario, each with an active primary "pat"
/// and further contacts, one invoice each (dated 2026-11-01, Net 14), the recipients as the scenario needs them.
/// </summary>
internal static class ContactSeed
{
    public const int InvoiceCount = 8;

    public static string Document { get; } = Build();

    private static string Build()
    {
        var companies = new JsonArray();
        var contacts = new JsonArray();
        var invoices = new JsonArray();
        var nextContact = 10;

        int Contact(int company, string slug, string first, bool primary = false, bool active = true)
        {
            var id = nextContact++;
            contacts.Add(new JsonObject
            {
                ["id"] = id, ["companyId"] = company, ["firstName"] = char.ToUpperInvariant(first[0]) + first[1..], ["lastName"] = "Tester",
                ["email"] = $"{first}@{slug}.example", ["isPrimary"] = primary, ["active"] = active,
            });
            return id;
        }

        void Invoice(int company, string number, JsonArray recipients, bool dueDate = true)
        {
            var invoice = new JsonObject
            {
                ["id"] = 500 + company, ["number"] = number, ["companyId"] = company, ["date"] = "2026-11-01",
                ["paymentTermId"] = 2, ["divisionId"] = 1, ["taxRateId"] = 1, ["currency"] = "USD",
                ["subtotal"] = 100.00m, ["tax"] = 0m, ["total"] = 100.00m,
                ["lines"] = new JsonArray(new JsonObject
                {
                    ["id"] = 500 + company, ["kind"] = "Service", ["description"] = "Remote support", ["quantity"] = 1, ["unitPrice"] = 100,
                    ["amount"] = 100, ["billable"] = true, ["taxable"] = false, ["tax"] = 0, ["date"] = "2026-10-30",
                }),
                ["recipients"] = recipients,
            };
            if (dueDate)
            {
                invoice["dueDate"] = "2026-11-15";
            }

            invoices.Add(invoice);
        }

        JsonObject Ref(int contactId) => new() { ["contactId"] = contactId, ["email"] = contacts.Single(c => (int)c!["id"]! == contactId)!["email"]!.GetValue<string>() };
        JsonObject AdHoc(string email) => new() { ["email"] = email };

        string[] names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"];
        for (var i = 0; i < names.Length; i++)
        {
            companies.Add(new JsonObject
            {
                ["id"] = i + 1, ["name"] = names[i] + " Co", ["accountNumber"] = $"ACC-{i + 1}", ["paymentTermId"] = 2, ["taxRateId"] = 1,
                ["address1"] = "1 Main Street", ["city"] = "Austin", ["state"] = "TX", ["postalCode"] = "78701", ["country"] = "United States",
            });
        }

        // Alpha: primary not among the recipients (new customer): persons in PSA order.
        Contact(1, "alpha", "pat", primary: true);
        var alphaBob = Contact(1, "alpha", "bob");
        var alphaCid = Contact(1, "alpha", "cid");
        Invoice(1, "ALPHA-1", [Ref(alphaCid), Ref(alphaBob)]);

        // Bravo: no recipients at all (new customer).
        Contact(2, "bravo", "pat", primary: true);
        Contact(2, "bravo", "bob");
        Invoice(2, "BRAVO-1", []);

        // Charlie: only an inactive contact and another company's contact (existing customer).
        Contact(3, "charlie", "pat", primary: true);
        Contact(3, "charlie", "bob");
        var charlieOld = Contact(3, "charlie", "old", active: false);
        Invoice(3, "CHARLIE-1", [Ref(charlieOld), Ref(alphaBob)]);

        // Delta: an existing customer whose primary is someone the PSA does not know.
        Contact(4, "delta", "pat", primary: true);
        var deltaBob = Contact(4, "delta", "bob");
        Invoice(4, "DELTA-1", [Ref(deltaBob)]);

        // Echo: a same-name customer of another PSA company exists.
        var echoPat = Contact(5, "echo", "pat", primary: true);
        Invoice(5, "ECHO-1", [Ref(echoPat)]);

        // Foxtrot: an ad-hoc address (other case, spaces) of an active contact, and one of nobody.
        Contact(6, "foxtrot", "pat", primary: true);
        Contact(6, "foxtrot", "cid");
        Invoice(6, "FOX-1", [AdHoc("  CID@Foxtrot.example "), AdHoc("stranger@nowhere.example")]);

        // Golf: existing customer with persons, an invoice with no recipients.
        Contact(7, "golf", "pat", primary: true);
        Contact(7, "golf", "bob");
        Contact(7, "golf", "cid");
        Invoice(7, "GOLF-1", []);

        // Hotel: no due date from the PSA; Net 14 from 2026-11-01.
        var hotelPat = Contact(8, "hotel", "pat", primary: true);
        Invoice(8, "HOTEL-1", [Ref(hotelPat)], dueDate: false);

        return new JsonObject
        {
            ["referenceDate"] = "2026-11-20",
            ["companies"] = companies,
            ["contacts"] = contacts,
            ["invoices"] = invoices,
        }.ToJsonString();
    }
}
