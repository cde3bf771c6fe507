namespace WiseSync.Sandbox.ConnectWise;

/// <summary>Renders records in the shapes of the ConnectWise spec subsets (Invoice, UnpostedInvoice, Company, Contact, GLExport …).</summary>
internal static class CwJson
{
    public const string Version = "2025.1";

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static JsonObject Info(string href, DateTimeOffset? lastUpdated = null)
    {
        var info = new JsonObject();
        if (lastUpdated is { } t)
        {
            info["lastUpdated"] = Stamp(t);
            info["updatedBy"] = "sandbox";
        }

        info["href"] = href;
        return info;
    }

    public static JsonObject Ref(int id, string name, string href, string? identifier = null)
    {
        var o = new JsonObject { ["id"] = id };
        if (identifier is not null)
        {
            o["identifier"] = identifier;
        }

        o["name"] = name;
        o["_info"] = new JsonObject { ["href"] = href };
        return o;
    }

    public static JsonObject CompanyRef(CwCompanyRecord? c, int id) =>
        Ref(id, c?.Name ?? $"Company {id}", $"company/companies/{id}", c?.Identifier ?? $"C{id}");

    public static JsonObject Currency(string code) => new()
    {
        ["id"] = code == "USD" ? 1 : 2,
        ["symbol"] = code == "EUR" ? "€" : code == "GBP" ? "£" : "$",
        ["currencyCode"] = code,
        ["decimalSeparator"] = ".",
        ["numberOfDecimals"] = 2,
        ["thousandsSeparator"] = ",",
        ["negativeParenthesesFlag"] = false,
        ["displaySymbolFlag"] = true,
        ["currencyIdentifier"] = code,
        ["displayIdFlag"] = false,
        ["rightAlign"] = false,
        ["name"] = code,
    };

    public static JsonObject Invoice(CwInvoiceRecord i, Func<int, CwCompanyRecord?> company, CwBatchRecord? batch)
    {
        var billTo = i.BillToCompanyId ?? i.CompanyId;
        var c = company(i.CompanyId);
        var o = new JsonObject
        {
            ["id"] = i.Id,
            ["invoiceNumber"] = i.Number,
            ["type"] = i.Type,
            ["status"] = new JsonObject
            {
                ["id"] = i.IsClosed ? 2 : 1,
                ["name"] = i.IsClosed ? "Closed" : "New",
                ["isClosed"] = i.IsClosed,
                ["_info"] = new JsonObject { ["href"] = $"finance/billingStatuses/{(i.IsClosed ? 2 : 1)}" },
            },
            ["company"] = CompanyRef(c, i.CompanyId),
            ["billToCompany"] = CompanyRef(company(billTo), billTo),
            ["shipToCompany"] = CompanyRef(c, i.CompanyId),
            ["accountNumber"] = company(billTo)?.AccountNumber,
            ["applyToType"] = "All",
            ["billingTerms"] = Ref(i.TermsId, i.TermsName, $"finance/billingTerms/{i.TermsId}"),
            ["customerPO"] = i.CustomerPO,
            ["addToBatchEmailList"] = true,
            ["date"] = Date(i.Date),
            ["locationId"] = i.LocationId,
            ["location"] = Ref(i.LocationId, i.LocationName, $"system/locations/{i.LocationId}"),
            ["departmentId"] = i.DepartmentId,
            ["department"] = Ref(i.DepartmentId, i.DepartmentName, $"system/departments/{i.DepartmentId}"),
            ["taxableFlag"] = i.SalesTax != 0m,
            ["serviceTotal"] = i.Lines.Where(l => l.Kind == "Time").Sum(l => l.Amount),
            ["currency"] = Currency(i.Currency),
            ["dueDate"] = i.DueDate is { } due ? Date(due) : null,
            ["expenseTotal"] = i.Lines.Where(l => l.Kind == "Expense").Sum(l => l.Amount),
            ["productTotal"] = i.Lines.Where(l => l.Kind == "Product").Sum(l => l.Amount),
            ["subtotal"] = i.Subtotal,
            ["total"] = i.Total,
            ["salesTax"] = i.SalesTax,
            ["closedBy"] = i.IsClosed ? "sandbox" : null,
            ["payments"] = i.PaymentsTotal,
            ["credits"] = 0m,
            ["balance"] = i.Balance,
            ["specialInvoiceFlag"] = false,
            ["glBatch"] = batch is null ? null : Ref(batch.Id, batch.BatchIdentifier, $"finance/accounting/batches/{batch.Id}"),
            ["_info"] = Info($"finance/invoices/{i.Id}", i.LastUpdated),
        };
        return WithoutNulls(o);
    }

    public static JsonObject UnpostedInvoice(CwInvoiceRecord i, Func<int, CwCompanyRecord?> company)
    {
        var billTo = i.BillToCompanyId ?? i.CompanyId;
        var o = new JsonObject
        {
            // The unposted-invoice row has its own id; billingLogId is the invoice's id (reference/psa-apis.md §2.4).
            ["id"] = i.Id + 500000,
            ["billingLogId"] = i.Id,
            ["locationId"] = i.LocationId,
            ["location"] = Ref(i.LocationId, i.LocationName, $"system/locations/{i.LocationId}"),
            ["departmentId"] = i.DepartmentId,
            ["department"] = Ref(i.DepartmentId, i.DepartmentName, $"system/departments/{i.DepartmentId}"),
            ["company"] = CompanyRef(company(i.CompanyId), i.CompanyId),
            ["accountNumber"] = company(billTo)?.AccountNumber,
            ["billToCompany"] = CompanyRef(company(billTo), billTo),
            ["invoiceNumber"] = i.Number,
            ["invoiceDate"] = Date(i.Date),
            ["invoiceType"] = i.Type,
            ["billingTerms"] = Ref(i.TermsId, i.TermsName, $"finance/billingTerms/{i.TermsId}"),
            ["dueDays"] = i.DueDays?.ToString(CultureInfo.InvariantCulture),
            ["dueDate"] = i.DueDate is { } due ? Date(due) : null,
            ["currency"] = Currency(i.Currency),
            ["subTotal"] = i.Subtotal,
            ["total"] = i.Total,
            ["hasTime"] = i.Lines.Any(l => l.Kind == "Time"),
            ["hasExpenses"] = i.Lines.Any(l => l.Kind == "Expense"),
            ["hasProducts"] = i.Lines.Any(l => l.Kind == "Product"),
            ["invoiceTaxableFlag"] = i.SalesTax != 0m,
            ["itemTaxableFlag"] = i.Lines.Any(l => l.Taxable),
            ["salesTaxAmount"] = i.SalesTax,
            ["createdBy"] = "sandbox",
            ["dateClosed"] = Stamp(i.LastUpdated),
            ["_info"] = Info($"finance/accounting/unpostedinvoices/{i.Id + 500000}", i.LastUpdated),
        };
        return WithoutNulls(o);
    }

    public static JsonObject Company(CwCompanyRecord c, Func<int, CwContactRecord?> contact)
    {
        var o = new JsonObject
        {
            ["id"] = c.Id,
            ["identifier"] = c.Identifier,
            ["name"] = c.Name,
            ["status"] = Ref(1, "Active", "company/companies/statuses/1"),
            ["accountNumber"] = c.AccountNumber,
            ["defaultContact"] = c.DefaultContactId is { } d ? ContactRef(contact(d), d) : null,
            ["billToCompany"] = Ref(c.Id, c.Name, $"company/companies/{c.Id}", c.Identifier),
            ["billingContact"] = c.BillingContactId is { } b ? ContactRef(contact(b), b) : null,
            ["invoiceDeliveryMethod"] = Ref(1, "Email", "finance/billingDeliveries/1"),
            ["invoiceToEmailAddress"] = c.InvoiceToEmailAddress,
            ["invoiceCCEmailAddress"] = c.InvoiceCCEmailAddress,
            ["deletedFlag"] = false,
            ["types"] = new JsonArray(Ref(1, "Client", "company/companies/types/1")),
            ["_info"] = Info($"company/companies/{c.Id}"),
        };
        return WithoutNulls(o);
    }

    private static JsonObject ContactRef(CwContactRecord? c, int id) =>
        Ref(id, c is null ? $"Contact {id}" : $"{c.FirstName} {c.LastName}".Trim(), $"company/contacts/{id}");

    public static JsonObject Contact(CwContactRecord c, Func<int, CwCompanyRecord?> company)
    {
        var items = new JsonArray();
        if (!string.IsNullOrEmpty(c.Email))
        {
            items.Add(new JsonObject
            {
                ["id"] = c.Id * 10,
                ["type"] = new JsonObject { ["id"] = 1, ["name"] = "Email", ["_info"] = new JsonObject { ["href"] = "company/communicationTypes/1" } },
                ["value"] = c.Email,
                ["defaultFlag"] = true,
                // The vendor writes the domain with its at sign ("@YourCompany.com", django-connectwise fixtures).
                ["domain"] = c.Email[c.Email.IndexOf('@', StringComparison.Ordinal)..],
                ["communicationType"] = "Email",
            });
        }

        return new JsonObject
        {
            ["id"] = c.Id,
            ["firstName"] = c.FirstName,
            ["lastName"] = c.LastName,
            ["company"] = CompanyRef(company(c.CompanyId), c.CompanyId),
            ["inactiveFlag"] = c.InactiveFlag,
            ["unsubscribeFlag"] = false,
            ["defaultBillingFlag"] = c.DefaultBillingFlag,
            ["defaultFlag"] = c.DefaultFlag,
            ["communicationItems"] = items,
            ["types"] = new JsonArray(),
            ["_info"] = Info($"company/contacts/{c.Id}"),
        };
    }

    public static JsonObject Batch(CwBatchRecord b) => new()
    {
        ["id"] = b.Id,
        ["batchIdentifier"] = b.BatchIdentifier,
        ["exportInvoicesFlag"] = b.ExportInvoicesFlag,
        ["exportExpensesFlag"] = b.ExportExpensesFlag,
        ["exportProductsFlag"] = b.ExportProductsFlag,
        ["closedFlag"] = true,
        ["_info"] = Info($"finance/accounting/batches/{b.Id}"),
    };

    /// <summary>GLExport { transactions[], customers[], … } for the given invoices (one GLExportTransaction each).</summary>
    public static JsonObject GlExport(IEnumerable<CwInvoiceRecord> invoices, Func<int, CwCompanyRecord?> company, string summarize)
    {
        var transactions = new JsonArray();
        var customers = new JsonArray();
        var seenCustomers = new HashSet<int>();
        foreach (var i in invoices)
        {
            var billTo = i.BillToCompanyId ?? i.CompanyId;
            var c = company(billTo);
            var entryIds = i.GlEntryIds;
            var detail = new JsonArray();
            var lines = summarize.Equals("Condensed", StringComparison.OrdinalIgnoreCase)
                ? i.Lines.GroupBy(l => (l.GlAccount, l.Taxable)).Select(g => new CwLineRecord($"{g.Count()} items", 1m, g.Sum(l => l.Amount), g.Sum(l => l.Amount), g.Key.Taxable, null, g.Key.GlAccount, "Summary", i.Date)).ToList()
                : i.Lines.ToList();
            foreach (var l in lines)
            {
                detail.Add(WithoutNulls(new JsonObject
                {
                    ["documentDate"] = Date(l.Date),
                    ["documentType"] = i.Total < 0m ? "CM" : "IN",
                    ["accountNumber"] = l.GlAccount,
                    ["glClass"] = l.Kind,
                    ["glTypeId"] = l.Kind == "Time" ? "S" : l.Kind == "Expense" ? "E" : "P",
                    ["invoiceSummaryOption"] = summarize,
                    ["cost"] = 0m,
                    ["salesCode"] = l.ItemIdentifier,
                    ["memo"] = l.Description,
                    ["description"] = l.Description,
                    ["quantity"] = l.Quantity,
                    ["total"] = l.Amount,
                    ["currency"] = Currency(i.Currency),
                    ["taxableFlag"] = l.Taxable,
                    ["item"] = l.ItemIdentifier is null ? null : Ref(Math.Abs(l.ItemIdentifier.GetHashCode(StringComparison.Ordinal) % 100000), l.ItemIdentifier, "procurement/catalog", l.ItemIdentifier),
                    ["itemTaxableFlag"] = l.Taxable,
                    ["itemPrice"] = l.Price,
                    ["itemDescription"] = l.Description,
                    ["salesDescription"] = l.Description,
                    ["timeEntry"] = l.Kind == "Time" ? Ref(i.Id * 100, l.Description, "time/entries") : null,
                }));
            }

            transactions.Add(WithoutNulls(new JsonObject
            {
                ["id"] = i.Id.ToString(CultureInfo.InvariantCulture),
                ["documentNumber"] = i.Number,
                ["documentType"] = i.Total < 0m ? "CM" : "IN",
                ["documentDate"] = Date(i.Date),
                ["dueDate"] = i.DueDate is { } due ? Date(due) : null,
                ["dueDays"] = i.DueDays,
                ["company"] = CompanyRef(c, billTo),
                ["companyAccountNumber"] = c?.AccountNumber,
                ["companyType"] = "Client",
                ["billingTerms"] = Ref(i.TermsId, i.TermsName, $"finance/billingTerms/{i.TermsId}"),
                ["billingTermsXref"] = i.TermsName,
                ["currency"] = Currency(i.Currency),
                ["description"] = $"Invoice {i.Number}",
                ["memo"] = i.CustomerPO,
                ["total"] = i.Total,
                ["salesTax"] = i.SalesTax,
                ["taxable"] = i.SalesTax != 0m,
                // Accounts-receivable account: present only when the invoice has GL entries.
                ["accountNumber"] = i.HasGlEntries ? "1200" : null,
                ["purchaseOrder"] = i.CustomerPO,
                ["emailDeliveryFlag"] = true,
                ["printDeliveryFlag"] = false,
                ["glEntryIds"] = string.Join(',', entryIds),
                ["detail"] = detail,
            }));

            if (c is not null && seenCustomers.Add(c.Id))
            {
                customers.Add(WithoutNulls(new JsonObject
                {
                    ["company"] = CompanyRef(c, c.Id),
                    ["accountNumber"] = c.AccountNumber,
                    ["billingTerms"] = Ref(i.TermsId, i.TermsName, $"finance/billingTerms/{i.TermsId}"),
                    ["currency"] = Currency(i.Currency),
                }));
            }
        }

        return new JsonObject
        {
            ["transactions"] = transactions,
            ["customers"] = customers,
            ["vendors"] = new JsonArray(),
            ["expenses"] = new JsonArray(),
            ["expenseBills"] = new JsonArray(),
            ["purchaseTransactions"] = new JsonArray(),
            ["adjustmentTransactions"] = new JsonArray(),
            ["inventoryTransfers"] = new JsonArray(),
            ["exportSettings"] = new JsonObject { ["summarizeInvoices"] = summarize },
        };
    }

    public static JsonObject BatchEntry(int entryId, CwInvoiceRecord i)
    {
        var k = entryId - (i.Id * 1000);
        var line = k >= 1 && k <= i.Lines.Count ? i.Lines[k - 1] : null;
        var (type, account, debit, credit) = k switch
        {
            0 => ("AR", "1200", Math.Max(i.Total, 0m), Math.Max(-i.Total, 0m)),
            999 => ("Tax", "2200", 0m, i.SalesTax),
            _ => ("Revenue", line?.GlAccount ?? string.Empty, 0m, line?.Amount ?? 0m),
        };
        return new JsonObject
        {
            ["id"] = entryId,
            ["accountType"] = type,
            ["name"] = line?.Description ?? $"Invoice {i.Number}",
            ["accountNumber"] = account,
            ["debit"] = debit,
            ["credit"] = credit,
            ["cost"] = 0m,
            ["invoice"] = Ref(i.Id, i.Number, $"finance/invoices/{i.Id}"),
            ["_info"] = Info($"finance/accounting/batches/entries/{entryId}"),
        };
    }

    public static JsonObject Payment(CwPaymentRecord p, CwInvoiceRecord i) => new()
    {
        ["id"] = p.Id,
        ["type"] = p.Type,
        ["invoice"] = Ref(i.Id, i.Number, $"finance/invoices/{i.Id}"),
        ["amount"] = p.Amount,
        ["invoiceBalance"] = i.Balance,
        ["invoiceTotal"] = i.Total,
        ["paymentDate"] = Stamp(p.PaymentDate),
        ["appliedBy"] = "sandbox",
        ["wisePayPayment"] = false,
        ["_info"] = Info($"finance/invoices/{i.Id}/payments/{p.Id}"),
    };

    /// <summary>
    /// ConnectWise's error body: <c>{"code":"InvalidObject","message":"configuration object is invalid","errors":[{"code",
    /// "message","resource":"configuration","field"}]}</c> (christaylorcodes/ConnectWiseManageAPI#30): each error's
    /// resource is the object the message names, camel-cased.
    /// </summary>
    public static JsonObject Error(string code, string message, params (string Field, string Message)[] errors)
    {
        var named = message.Split(' ', 2)[0];
        var resource = named.Length == 0 ? "object" : char.ToLowerInvariant(named[0]) + named[1..];
        var list = new JsonArray();
        foreach (var (field, msg) in errors)
        {
            list.Add(new JsonObject { ["code"] = code, ["message"] = msg, ["resource"] = resource, ["field"] = field });
        }

        return new JsonObject { ["code"] = code, ["message"] = message, ["errors"] = list };
    }

    private static JsonObject WithoutNulls(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }

        return o;
    }
}
