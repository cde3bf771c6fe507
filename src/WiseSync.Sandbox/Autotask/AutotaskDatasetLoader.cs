namespace WiseSync.Sandbox.Autotask;

/// <summary>
/// Presents the shared vendor-neutral dataset as an Autotask database: invoices and their billing items, companies,
/// contacts, payment terms, billing codes, tax categories, lines of business (organizational levels) and each
/// company's invoice email settings. Problems with vendor "autotask" (or none) add the Autotask cases:
/// <c>voided</c>, <c>already-synced</c>, <c>write-error</c> (PATCH fails with the note as message) and
/// <c>markup</c> (the note replaces the invoice XML) and <c>numeric-text</c> (no invoice: the text fields the vendor's
/// demo data sends as numbers — or those named in <c>data.fields</c> — are written as JSON numbers when whole).
/// </summary>
internal static class AutotaskDatasetLoader
{
    public const int TaxableCategoryId = 1;
    public const int NonTaxableCategoryId = 2;
    public const int LaborCodeId = 1;
    public const int ExpenseCodeId = 2;
    private const int FirstProductCodeId = 100;
    private const int MainBranchId = 1;
    private const int CreatorResourceId = 29682885;

    public static AutotaskStore Load(SandboxDataset data)
    {
        var store = new AutotaskStore();
        LoadReferenceData(store, data);
        var productCodes = LoadBillingCodes(store, data);
        LoadCompaniesAndContacts(store, data);

        var taxRates = data.TaxRates.ToDictionary(t => t.Id);
        foreach (var invoice in data.Invoices)
        {
            var created = invoice.Date.ToDateTime(new TimeOnly(18, 30), DateTimeKind.Utc);
            store.Invoices.Add(invoice.Id, new Dictionary<string, JsonNode?>
            {
                ["batchID"] = invoice.Date.DayNumber,
                ["comments"] = invoice.Comments,
                ["companyID"] = invoice.CompanyId,
                ["createDateTime"] = AutotaskDates.Stamp(created),
                ["creatorResourceID"] = CreatorResourceId,
                ["dueDate"] = invoice.DueDate is { } due ? AutotaskDates.DateOnly(due) : null,
                ["fromDate"] = AutotaskDates.DateOnly(new DateOnly(invoice.Date.Year, invoice.Date.Month, 1)),
                ["invoiceDateTime"] = AutotaskDates.DateOnly(invoice.Date),
                ["invoiceEditorTemplateID"] = 1,
                ["invoiceNumber"] = invoice.Number,
                ["invoiceTotal"] = invoice.Total,
                ["isVoided"] = false,
                ["orderNumber"] = invoice.PurchaseOrderNumber,
                ["paymentTerm"] = invoice.PaymentTermId,
                ["taxRegionName"] = taxRates.TryGetValue(invoice.TaxRateId, out var rate) ? rate.Name : null,
                ["toDate"] = AutotaskDates.DateOnly(invoice.Date),
                ["totalTaxValue"] = invoice.Tax,
            });

            var sort = 0;
            foreach (var line in invoice.Lines)
            {
                var codeId = line.Kind switch
                {
                    SandboxLineKind.Expense => ExpenseCodeId,
                    SandboxLineKind.Product when line.ItemCode is { } code => productCodes[code],
                    _ => LaborCodeId,
                };
                store.BillingItems.Add(line.Id, new Dictionary<string, JsonNode?>
                {
                    ["billingCodeID"] = codeId,
                    ["taxCategoryID"] = line.Taxable ? TaxableCategoryId : NonTaxableCategoryId,
                    // billingItemType picklist: the values are the sandbox's (reference Part 5: verify per tenant).
                    ["billingItemType"] = line.Kind switch { SandboxLineKind.Service => 1, SandboxLineKind.Product => 4, _ => 3 },
                    ["companyID"] = invoice.CompanyId,
                    ["description"] = line.Description,
                    ["extendedPrice"] = line.Amount,
                    ["internalCurrencyExtendedPrice"] = line.Amount,
                    ["internalCurrencyRate"] = line.UnitPrice,
                    ["internalCurrencyTaxDollars"] = line.Tax,
                    ["internalCurrencyTotalAmount"] = line.Amount + line.Tax,
                    ["invoiceID"] = invoice.Id,
                    ["itemApproverID"] = CreatorResourceId,
                    ["itemDate"] = AutotaskDates.DateOnly(line.Date ?? invoice.Date),
                    ["itemName"] = line.ItemCode ?? line.Kind.ToString(),
                    ["lineItemFullDescription"] = line.Description,
                    ["nonBillable"] = line.Billable ? 0 : 1,
                    ["organizationalLevelAssociationID"] = invoice.DivisionId,
                    ["ourCost"] = 0m,
                    ["postedDate"] = AutotaskDates.DateOnly(invoice.Date),
                    ["postedOnTime"] = AutotaskDates.Stamp(created),
                    ["purchaseOrderNumber"] = invoice.PurchaseOrderNumber,
                    ["quantity"] = line.Quantity,
                    ["rate"] = line.UnitPrice,
                    ["sortOrderID"] = ++sort,
                    ["taxDollars"] = line.Tax,
                    ["totalAmount"] = line.Amount + line.Tax,
                });
            }
        }

        ApplyProblems(store, data);
        return store;
    }

    private static void LoadReferenceData(AutotaskStore store, SandboxDataset data)
    {
        foreach (var term in data.PaymentTerms)
        {
            store.PaymentTerms.Add(term.Id, new Dictionary<string, JsonNode?>
            {
                ["name"] = term.Name,
                ["description"] = term.AfterEndOfMonth ? $"{term.Days} days after the end of the invoice month" : $"Due {term.Days} days after the invoice date",
                ["isActive"] = true,
                ["paymentDueInDays"] = term.Days,
            });
        }

        store.TaxCategories.Add(TaxableCategoryId, new Dictionary<string, JsonNode?> { ["name"] = "Taxable", ["isActive"] = true });
        store.TaxCategories.Add(NonTaxableCategoryId, new Dictionary<string, JsonNode?> { ["name"] = "Non-Taxable", ["isActive"] = true });

        store.OrganizationalLevel1s.Add(MainBranchId, new Dictionary<string, JsonNode?> { ["name"] = "Main Branch", ["isActive"] = true });
        foreach (var division in data.Divisions)
        {
            store.OrganizationalLevel2s.Add(division.Id, new Dictionary<string, JsonNode?> { ["name"] = division.Name, ["isActive"] = true });
            store.OrganizationalLevelAssociations.Add(division.Id, new Dictionary<string, JsonNode?>
            {
                ["isActive"] = true,
                ["organizationalLevel1ID"] = MainBranchId,
                ["organizationalLevel2ID"] = division.Id,
            });
        }
    }

    private static Dictionary<string, int> LoadBillingCodes(AutotaskStore store, SandboxDataset data)
    {
        store.BillingCodes.Add(LaborCodeId, Code("Labor", "SERVICE", 4000, 0m));
        store.BillingCodes.Add(ExpenseCodeId, Code("Expense reimbursement", "EXPENSE", 4200, 0m));
        var codes = data.Invoices.SelectMany(i => i.Lines)
            .Where(l => l.Kind == SandboxLineKind.Product && l.ItemCode is not null)
            .Select(l => l.ItemCode!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select((code, index) => (code, id: FirstProductCodeId + index))
            .ToDictionary(c => c.code, c => c.id, StringComparer.Ordinal);
        foreach (var (code, id) in codes)
        {
            store.BillingCodes.Add(id, Code(code, code, 4100, 0m));
        }

        return codes;

        static Dictionary<string, JsonNode?> Code(string name, string externalNumber, int glAccount, decimal price) => new()
        {
            ["name"] = name,
            ["description"] = name,
            ["externalNumber"] = externalNumber,
            ["generalLedgerAccount"] = glAccount,
            ["isActive"] = true,
            ["taxCategoryID"] = TaxableCategoryId,
            ["unitPrice"] = price,
            ["useType"] = 1,
            ["billingCodeType"] = 0,
        };
    }

    /// <summary>
    /// Autotask keeps recipients per company, not per invoice (reference §1.7): the company's invoice settings list
    /// the contacts that received any of its invoices, in order, and the other addresses as <c>otherEmails</c>;
    /// those contacts are also flagged <c>billingContact</c>.
    /// </summary>
    private static void LoadCompaniesAndContacts(AutotaskStore store, SandboxDataset data)
    {
        var contacts = data.Contacts.ToDictionary(c => c.Id);
        var recipientsByCompany = data.Invoices.OrderBy(i => i.Id).GroupBy(i => i.CompanyId).ToDictionary(g => g.Key, g => g.SelectMany(i => i.Recipients).ToList());
        var billingContacts = new HashSet<int>();
        foreach (var company in data.Companies)
        {
            store.Companies.Add(company.Id, new Dictionary<string, JsonNode?>
            {
                ["address1"] = company.Address1,
                ["address2"] = company.Address2,
                ["city"] = company.City,
                ["companyName"] = company.Name,
                ["companyNumber"] = company.AccountNumber,
                ["companyType"] = 1,
                ["countryID"] = 237,
                ["currencyID"] = 1,
                ["invoiceMethod"] = 1,
                ["isActive"] = company.Active,
                ["isTaxExempt"] = data.TaxRates.FirstOrDefault(t => t.Id == company.TaxRateId)?.Rate == 0m,
                ["phone"] = company.Phone,
                ["postalCode"] = company.PostalCode,
                ["state"] = company.State,
                ["taxRegionID"] = company.TaxRateId,
                ["userDefinedFields"] = new JsonArray(),
            });

            var contactIds = new List<int>();
            var others = new List<string>();
            foreach (var recipient in recipientsByCompany.GetValueOrDefault(company.Id) ?? [])
            {
                if (recipient.ContactId is { } id && contacts.TryGetValue(id, out var contact) && contact.CompanyId == company.Id)
                {
                    if (!contactIds.Contains(id))
                    {
                        contactIds.Add(id);
                    }
                }
                else if (recipient.Email.Length > 0 && !others.Contains(recipient.Email, StringComparer.OrdinalIgnoreCase))
                {
                    others.Add(recipient.Email);
                }
            }

            billingContacts.UnionWith(contactIds);
            store.InvoiceSettings[company.Id] = new JsonObject
            {
                ["taxExempt"] = false,
                ["taxRegionId"] = company.TaxRateId,
                ["taxId"] = null,
                ["invoiceEmailingEnabled"] = contactIds.Count + others.Count > 0,
                ["contactRecipients"] = new JsonArray(contactIds.Select(i => (JsonNode)i).ToArray()),
                ["resourceRecipients"] = new JsonArray(),
                ["otherEmails"] = others.Count == 0 ? null : string.Join("; ", others),
            };
        }

        foreach (var contact in data.Contacts)
        {
            store.Contacts.Add(contact.Id, new Dictionary<string, JsonNode?>
            {
                ["billingContact"] = billingContacts.Contains(contact.Id),
                ["companyID"] = contact.CompanyId,
                ["emailAddress"] = contact.Email,
                ["firstName"] = contact.FirstName,
                // isActive is an integer 0/1 on Contacts (reference §1.7).
                ["isActive"] = contact.Active ? 1 : 0,
                ["lastName"] = contact.LastName,
                ["primaryContact"] = contact.IsPrimary,
                ["receivesEmailNotifications"] = true,
                ["userDefinedFields"] = new JsonArray(),
            });
        }
    }

    private static void ApplyProblems(AutotaskStore store, SandboxDataset data)
    {
        var stamp = AutotaskDates.Stamp(data.ReferenceDate.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        foreach (var problem in data.Problems.Where(p => p.Vendor is null || p.Vendor.Equals("autotask", StringComparison.OrdinalIgnoreCase)))
        {
            if (problem.Kind.Equals("numeric-text", StringComparison.OrdinalIgnoreCase))
            {
                WriteNumericTextAsNumbers(store, problem);
                continue;
            }

            if (problem.InvoiceId is not { } id || !store.Invoices.Records.TryGetValue(id, out var invoice))
            {
                continue;
            }

            switch (problem.Kind.ToLowerInvariant())
            {
                case "voided":
                    invoice["isVoided"] = true;
                    invoice["voidedDate"] = stamp;
                    invoice["voidedByResourceID"] = CreatorResourceId;
                    break;
                case "already-synced":
                    invoice["webServiceDate"] = problem.Note is { } at ? AutotaskDates.Stamp(AutotaskFilter.ParseDate(at)) : stamp;
                    break;
                case "write-error":
                    store.WriteFailures[id] = problem.Note ?? $"Invoice {id} could not be updated: the record is locked by another process.";
                    break;
                case "markup":
                    store.MarkupOverrides[id] = problem.Note ?? string.Empty;
                    break;
            }
        }
    }

    /// <summary>
    /// Fields the swagger calls strings that Autotask's own demo data sends as numbers when they hold a whole number:
    /// <c>BillingCodes.externalNumber: 0</c>, <c>Companies.postalCode</c> and <c>billToZipCode: 12061</c>
    /// (django-autotask's fixtures), while <c>companyNumber: "289843"</c> stays text. A problem's
    /// <c>data.fields</c> (<c>["Entity.field", ...]</c>) names others.
    /// </summary>
    private static readonly string[] NumericTextFields = ["BillingCodes.externalNumber", "Companies.postalCode", "Companies.billToZipCode"];

    private static void WriteNumericTextAsNumbers(AutotaskStore store, SandboxProblem problem)
    {
        var fields = problem.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("fields", out var named) && named.ValueKind == JsonValueKind.Array
            ? named.EnumerateArray().Select(f => f.GetString()).OfType<string>().ToArray()
            : NumericTextFields;
        foreach (var qualified in fields)
        {
            var dot = qualified.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || store.Entity(qualified[..dot]) is not { } entity || entity.Field(qualified[(dot + 1)..]) is not { } field)
            {
                continue;
            }

            lock (entity.Gate)
            {
                foreach (var record in entity.Records.Values)
                {
                    // A number cannot carry leading zeros: such text stays text, as it must on the vendor's side too.
                    if (AutotaskJsonValues.Text(record[field.Name]) is { } text
                        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        && number.ToString(CultureInfo.InvariantCulture) == text)
                    {
                        record[field.Name] = number;
                    }
                }
            }
        }
    }

    /// <summary>A collection for <c>/_sandbox/state/autotask/{collection}</c>, as the API would return its items.</summary>
    public static JsonArray? State(AutotaskStore store, string collection)
    {
        var entity = collection.ToLowerInvariant() switch
        {
            "invoices" => store.Invoices,
            "billingitems" => store.BillingItems,
            "companies" => store.Companies,
            "contacts" => store.Contacts,
            "paymentterms" => store.PaymentTerms,
            "billingcodes" => store.BillingCodes,
            "taxcategories" => store.TaxCategories,
            _ => null,
        };
        if (entity is null)
        {
            return collection.Equals("invoiceSettings", StringComparison.OrdinalIgnoreCase)
                ? new JsonArray(store.InvoiceSettings.OrderBy(s => s.Key).Select(s =>
                {
                    var copy = (JsonObject)s.Value.DeepClone();
                    copy["companyID"] = s.Key;
                    return (JsonNode)copy;
                }).ToArray())
                : null;
        }

        lock (entity.Gate)
        {
            return new JsonArray(entity.Records.Values.Select(r => (JsonNode)r.DeepClone()).ToArray());
        }
    }
}
