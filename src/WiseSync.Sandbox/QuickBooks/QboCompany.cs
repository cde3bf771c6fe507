namespace WiseSync.Sandbox.QuickBooks;

/// <summary>
/// One emulated QBO company (realm): the records posted to it and Intuit's rules for writing them, from the
/// reference (Part 2) and the XSD/OpenAPI shapes. Callers hold <see cref="Gate"/> while they use it.
/// </summary>
internal sealed class QboCompany
{
    /// <summary>The rate the emulated automated sales tax applies to lines coded TAX when no tax is sent.</summary>
    public const decimal AutomatedTaxRate = 0.0825m;

    private static readonly TimeSpan CompanyOffset = TimeSpan.FromHours(-7);

    private readonly TimeProvider _time;
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _entities = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId = 100;
    private int _nextDocNumber = 1001;

    public QboCompany(string realmId, TimeProvider time, QboCompanySettings? settings = null)
    {
        RealmId = realmId;
        _time = time;
        Settings = settings ?? QboCompanySettings.UnitedStates;
        AutomatedSalesTax = Settings.IsUnitedStates && Settings.AutomatedSalesTax;
        foreach (var entity in Entities)
        {
            _entities[entity] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        // What a new QBO company starts with: a "Services" item and income accounts.
        Store("Account", new JsonObject { ["Id"] = "1", ["Name"] = "Services", ["AccountType"] = "Income" });
        Store("Account", new JsonObject { ["Id"] = "79", ["Name"] = "Sales of Product Income", ["AccountType"] = "Income" });
        Store("Item", new JsonObject
        {
            ["Id"] = "1",
            ["Name"] = "Services",
            ["Type"] = "Service",
            ["Active"] = true,
            ["IncomeAccountRef"] = new JsonObject { ["value"] = "1", ["name"] = "Services" },
        });
        StoreTaxCodes();
    }

    /// <summary>The entities the emulator stores (names as in the API, case-insensitive in URLs).</summary>
    public static IReadOnlyList<string> Entities { get; } = ["Customer", "Vendor", "Employee", "Invoice", "CreditMemo", "Payment", "Item", "Account", "Class", "TaxCode", "TaxRate"];

    public string RealmId { get; }

    /// <summary>The company's country and tax settings.</summary>
    public QboCompanySettings Settings { get; }

    public object Gate { get; } = new();

    /// <summary>Whether the company runs US automated sales tax (the emulator computes tax when none is sent).</summary>
    public bool AutomatedSalesTax { get; set; }

    public IReadOnlyCollection<JsonObject> All(string entity) => Table(entity).Values;

    public static string? CanonicalEntity(string name) =>
        Entities.FirstOrDefault(e => string.Equals(e, name, StringComparison.OrdinalIgnoreCase));

    public JsonObject Read(string entity, string id) =>
        Table(entity).TryGetValue(id, out var found) ? (JsonObject)found.DeepClone() : throw QboFaultException.NotFound(entity, id);

    public JsonObject Write(string entity, string operation, JsonObject body) => entity is "TaxCode" or "TaxRate"
        // Tax codes and rates are made through TaxService, not written directly (python-quickbooks#297 quoting Intuit's docs).
        ? throw QboFaultException.Validation("6000", "Operation not supported", $"{entity} cannot be written directly; use TaxService")
        : operation switch
    {
        "create" => Create(entity, body),
        "update" => Update(entity, body),
        "delete" => Delete(entity, body),
        _ => throw QboFaultException.Validation("6000", "Operation not supported", $"Operation {operation} is not supported"),
    };

    public JsonObject Create(string entity, JsonObject body)
    {
        var record = (JsonObject)body.DeepClone();
        record.Remove("Id");
        record.Remove("SyncToken");
        record.Remove("sparse");
        record.Remove("MetaData");
        Validate(entity, record, existingId: null);
        record["Id"] = (_nextId++).ToString(CultureInfo.InvariantCulture);
        record["SyncToken"] = "0";
        var now = Now();
        record["MetaData"] = new JsonObject { ["CreateTime"] = now, ["LastUpdatedTime"] = now };
        record["domain"] = "QBO";
        record["sparse"] = false;
        Derive(entity, record, previous: null);
        Store(entity, record);
        if (entity == "Payment")
        {
            ApplyPayment(record);
        }

        return (JsonObject)record.DeepClone();
    }

    public JsonObject Update(string entity, JsonObject body)
    {
        var id = body["Id"]?.ToString() ?? throw QboFaultException.Required("Id");
        var syncToken = body["SyncToken"]?.ToString() ?? throw QboFaultException.Required("SyncToken");
        if (!Table(entity).TryGetValue(id, out var current))
        {
            throw QboFaultException.NotFound(entity, id);
        }

        if (current["SyncToken"]?.ToString() != syncToken)
        {
            throw QboFaultException.Stale();
        }

        var sparse = body["sparse"]?.GetValue<bool>() == true;
        JsonObject record;
        if (sparse)
        {
            record = (JsonObject)current.DeepClone();
            foreach (var (key, value) in body)
            {
                record[key] = value?.DeepClone();
            }
        }
        else
        {
            // A full update sets omitted writable fields to null (reference Part 2.5): start from the body.
            record = (JsonObject)body.DeepClone();
            foreach (var kept in new[] { "MetaData", "Balance", "LinkedTxn", "domain" })
            {
                if (current[kept] is { } value && record[kept] is null)
                {
                    record[kept] = value.DeepClone();
                }
            }
        }

        Validate(entity, record, existingId: id);
        record["SyncToken"] = (int.Parse(syncToken, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        record["sparse"] = false;
        var meta = (JsonObject?)record["MetaData"]?.DeepClone() ?? new JsonObject();
        meta["LastUpdatedTime"] = Now();
        record["MetaData"] = meta;
        Derive(entity, record, current);
        Store(entity, record);
        return (JsonObject)record.DeepClone();
    }

    public JsonObject Delete(string entity, JsonObject body)
    {
        var id = body["Id"]?.ToString() ?? throw QboFaultException.Required("Id");
        if (!Table(entity).TryGetValue(id, out var current))
        {
            throw QboFaultException.NotFound(entity, id);
        }

        if (current["SyncToken"]?.ToString() != body["SyncToken"]?.ToString())
        {
            throw QboFaultException.Stale();
        }

        if (entity is "Customer" or "Vendor" or "Employee" or "Item")
        {
            // Names cannot be deleted, only made inactive (reference Part 2.4).
            throw QboFaultException.Business("name list entities cannot be deleted; set Active to false");
        }

        Table(entity).Remove(id);
        return new JsonObject { ["Id"] = id, ["status"] = "Deleted", ["domain"] = "QBO" };
    }

    public (IReadOnlyList<JsonObject> Rows, int Total) Query(QboQueryStatement statement)
    {
        var entity = CanonicalEntity(statement.Entity) ?? throw QboFaultException.Parse($"Invalid table name {statement.Entity}");
        IEnumerable<JsonObject> rows = Table(entity).Values;
        if (entity is "Customer" or "Vendor" or "Employee" or "Item" or "Account" or "Class" && !statement.Mentions("Active"))
        {
            // Name lists return active records unless Active is part of the filter (reference Part 2.4).
            rows = rows.Where(r => r["Active"]?.GetValue<bool>() != false);
        }

        rows = rows.Where(r => statement.Conditions.All(c => c.Matches(r)));
        rows = statement.OrderBy is { } order
            ? (statement.Descending
                ? rows.OrderByDescending(r => QboCondition.Resolve(r, order), StringComparer.OrdinalIgnoreCase)
                : rows.OrderBy(r => QboCondition.Resolve(r, order), StringComparer.OrdinalIgnoreCase))
            : rows.OrderBy(r => r, IdOrder.Instance);
        var all = rows.ToList();
        var page = all.Skip(statement.StartPosition - 1).Take(statement.MaxResults).Select(r => (JsonObject)r.DeepClone()).ToList();
        return (page, all.Count);
    }

    /// <summary>A customer pays an invoice: a Payment linked to it, dated <paramref name="date"/>.</summary>
    public JsonObject Pay(JsonObject invoice, decimal amount, string date)
    {
        var payment = new JsonObject
        {
            ["TxnDate"] = date,
            ["TotalAmt"] = amount,
            ["CustomerRef"] = invoice["CustomerRef"]?.DeepClone(),
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = amount,
                ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = invoice["Id"]!.ToString(), ["TxnType"] = "Invoice" }),
            }),
        };
        return Create("Payment", payment);
    }

    private void ApplyPayment(JsonObject payment)
    {
        foreach (var line in payment["Line"]?.AsArray() ?? [])
        {
            var amount = line?["Amount"]?.GetValue<decimal>() ?? 0m;
            foreach (var link in line?["LinkedTxn"]?.AsArray() ?? [])
            {
                var type = link?["TxnType"]?.ToString();
                var id = link?["TxnId"]?.ToString();
                if (type != "Invoice" || id is null || !Table("Invoice").TryGetValue(id, out var invoice))
                {
                    continue;
                }

                var balance = invoice["Balance"]?.GetValue<decimal>() ?? 0m;
                invoice["Balance"] = Math.Max(0m, balance - amount);
                var links = invoice["LinkedTxn"] as JsonArray ?? [];
                links.Add(new JsonObject { ["TxnId"] = payment["Id"]!.ToString(), ["TxnType"] = "Payment" });
                invoice["LinkedTxn"] = links;
                invoice["SyncToken"] = (int.Parse(invoice["SyncToken"]!.ToString(), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
                ((JsonObject)invoice["MetaData"]!)["LastUpdatedTime"] = Now();
            }
        }
    }

    private void Validate(string entity, JsonObject record, string? existingId)
    {
        switch (entity)
        {
            case "Customer" or "Vendor" or "Employee":
                ValidateName(entity, record, existingId);
                break;
            case "Invoice" or "CreditMemo":
                ValidateTransaction(entity, record, existingId);
                break;
            case "Item":
                ValidateItem(record, existingId);
                break;
            case "Payment":
                if (record["CustomerRef"]?["value"] is null)
                {
                    throw QboFaultException.Required("CustomerRef");
                }

                if (record["TotalAmt"] is null)
                {
                    throw QboFaultException.Required("TotalAmt");
                }

                break;
        }
    }

    private void ValidateName(string entity, JsonObject record, string? existingId)
    {
        var display = record["DisplayName"]?.ToString();
        if (string.IsNullOrWhiteSpace(display))
        {
            display = string.Join(' ', new[] { "Title", "GivenName", "MiddleName", "FamilyName", "Suffix" }
                .Select(f => record[f]?.ToString()).Where(s => !string.IsNullOrWhiteSpace(s)));
            if (display.Length == 0)
            {
                throw QboFaultException.Required("DisplayName");
            }

            record["DisplayName"] = display;
        }

        if (display.Contains(':', StringComparison.Ordinal))
        {
            throw QboFaultException.Validation("6000", "Invalid character", "DisplayName cannot contain a colon (:)", "DisplayName");
        }

        if (display.Length > 500)
        {
            throw QboFaultException.Length("DisplayName", 500);
        }

        if (record["PrimaryEmailAddr"]?["Address"]?.ToString() is { Length: > 100 })
        {
            throw QboFaultException.Length("PrimaryEmailAddr.Address", 100);
        }

        // DisplayName is unique across customers, vendors and employees, inactive ones included (reference Part 2.4).
        foreach (var names in new[] { "Customer", "Vendor", "Employee" })
        {
            foreach (var other in Table(names).Values)
            {
                if ((names != entity || other["Id"]?.ToString() != existingId)
                    && string.Equals(other["DisplayName"]?.ToString()?.Trim(), display.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    throw QboFaultException.DuplicateName(display);
                }
            }
        }

        record["Active"] ??= true;
        record["FullyQualifiedName"] = display;
        if (entity == "Customer")
        {
            record["Balance"] ??= 0m;
        }
    }

    private void ValidateItem(JsonObject record, string? existingId)
    {
        var name = record["Name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
        {
            throw QboFaultException.Required("Name");
        }

        if (name.Length > 100)
        {
            throw QboFaultException.Length("Name", 100);
        }

        if (Table("Item").Values.Any(i => i["Id"]?.ToString() != existingId && string.Equals(i["Name"]?.ToString(), name, StringComparison.OrdinalIgnoreCase)))
        {
            throw QboFaultException.DuplicateName(name);
        }

        record["Type"] ??= "Service";
        if (record["Type"]!.ToString() is "Service" or "NonInventory")
        {
            var account = record["IncomeAccountRef"]?["value"]?.ToString() ?? throw QboFaultException.Required("IncomeAccountRef");
            if (!Table("Account").ContainsKey(account))
            {
                throw QboFaultException.InvalidReference("IncomeAccountRef", account);
            }
        }

        record["Active"] ??= true;
    }

    private void ValidateTransaction(string entity, JsonObject record, string? existingId)
    {
        var customerId = record["CustomerRef"]?["value"]?.ToString() ?? throw QboFaultException.Required("CustomerRef");
        if (!Table("Customer").TryGetValue(customerId, out var customer))
        {
            throw QboFaultException.InvalidReference("CustomerRef", customerId);
        }

        if (customer["Active"]?.GetValue<bool>() == false)
        {
            throw QboFaultException.NotFound("Customer", customerId);
        }

        if (record["Line"] is not JsonArray { Count: > 0 } lines)
        {
            throw QboFaultException.Required("Line");
        }

        foreach (var line in lines)
        {
            if (line?["Amount"] is null)
            {
                throw QboFaultException.Required("Line.Amount");
            }

            if (line["Description"]?.ToString() is { Length: > 4000 })
            {
                throw QboFaultException.Length("Line.Description", 4000);
            }

            if (line["DetailType"]?.ToString() != "SalesItemLineDetail")
            {
                continue;
            }

            var detail = line["SalesItemLineDetail"] as JsonObject ?? throw QboFaultException.Required("SalesItemLineDetail");
            var itemId = detail["ItemRef"]?["value"]?.ToString() ?? throw QboFaultException.Required("ItemRef");
            if (!Table("Item").TryGetValue(itemId, out var item) || item["Active"]?.GetValue<bool>() == false)
            {
                throw QboFaultException.InvalidReference("ItemRef", itemId);
            }

            ValidateTaxCode(detail);

            if (detail["Qty"] is { } qty && detail["UnitPrice"] is { } price)
            {
                // Amount must equal Qty × UnitPrice (reference Part 2.5).
                var expected = Math.Round(qty.GetValue<decimal>() * price.GetValue<decimal>(), 2, MidpointRounding.AwayFromZero);
                if (expected != Math.Round(line["Amount"]!.GetValue<decimal>(), 2, MidpointRounding.AwayFromZero))
                {
                    throw QboFaultException.Business($"Amount is not equal to UnitPrice * Qty. Supplied value:{line["Amount"]}");
                }
            }
        }

        var docNumber = record["DocNumber"]?.ToString();
        if (string.IsNullOrEmpty(docNumber) || docNumber == "AUTO_GENERATE")
        {
            record["DocNumber"] = (_nextDocNumber++).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            if (docNumber.Length > 21)
            {
                throw QboFaultException.Length("DocNumber", 21);
            }

            // The company enforces unique numbers (Preferences "warn if duplicate"; reference Part 2.5).
            if (Table(entity).Values.Any(t => t["Id"]?.ToString() != existingId && string.Equals(t["DocNumber"]?.ToString(), docNumber, StringComparison.OrdinalIgnoreCase)))
            {
                throw QboFaultException.DuplicateDocNumber(docNumber);
            }
        }

        if (record["BillEmail"]?["Address"]?.ToString() is { Length: > 100 })
        {
            throw QboFaultException.Length("BillEmail.Address", 100);
        }
    }

    private void Derive(string entity, JsonObject record, JsonObject? previous)
    {
        if (entity is not ("Invoice" or "CreditMemo"))
        {
            return;
        }

        var lines = record["Line"]!.AsArray();
        var inclusive = record["GlobalTaxCalculation"]?.ToString() == "TaxInclusive";
        decimal subtotal = 0m, taxable = 0m, coded = 0m;
        var lineNumber = 1;
        foreach (var line in lines)
        {
            var amount = line!["Amount"]!.GetValue<decimal>();
            subtotal += amount;
            var code = line["SalesItemLineDetail"]?["TaxCodeRef"]?["value"]?.ToString();
            if (code == "TAX")
            {
                taxable += amount;
            }
            else if (Settings.NeedsTaxCodes && code is not null && Settings.TaxCodes.FirstOrDefault(t => t.Id == code) is { Rate: > 0m } rated)
            {
                // Outside the US each line's tax comes from its code's rate.
                var rate = rated.Rate / 100m;
                coded += Math.Round(inclusive ? amount - (amount / (1m + rate)) : amount * rate, 2, MidpointRounding.AwayFromZero);
            }

            var lineId = line["Id"]?.ToString();
            if (string.IsNullOrEmpty(lineId) || !int.TryParse(lineId, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                line["Id"] = lineNumber.ToString(CultureInfo.InvariantCulture);
            }

            line["LineNum"] = lineNumber++;
        }

        var taxDetail = record["TxnTaxDetail"] as JsonObject;
        decimal tax;
        if (taxDetail?["TotalTax"] is { } sent)
        {
            tax = sent.GetValue<decimal>();
        }
        else if (AutomatedSalesTax)
        {
            // The AST engine assigns the rate and computes tax itself (reference Part 2.8).
            tax = Math.Round(taxable * AutomatedTaxRate, 2, MidpointRounding.AwayFromZero);
            record["TxnTaxDetail"] = new JsonObject { ["TxnTaxCodeRef"] = new JsonObject { ["value"] = "AST" }, ["TotalTax"] = tax };
        }
        else if (Settings.NeedsTaxCodes)
        {
            tax = coded;
            record["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = tax };
        }
        else
        {
            tax = 0m;
        }

        var total = inclusive ? subtotal : subtotal + tax;
        var paid = previous is null ? 0m : (previous["TotalAmt"]?.GetValue<decimal>() ?? 0m) - (previous["Balance"]?.GetValue<decimal>() ?? 0m);
        record["TotalAmt"] = total;
        record["Balance"] = Math.Max(0m, total - paid);
        if (entity == "CreditMemo")
        {
            record["RemainingCredit"] = total;
        }
    }

    /// <summary>
    /// Outside the US with sales tax on, every sales line needs a TaxCodeRef of the company: none is error 6000, an unknown
    /// one 2500. US lines keep TAX/NON (or nothing) as before.
    /// </summary>
    private void ValidateTaxCode(JsonObject detail)
    {
        if (!Settings.NeedsTaxCodes)
        {
            return;
        }

        var code = detail["TaxCodeRef"]?["value"]?.ToString();
        if (string.IsNullOrWhiteSpace(code))
        {
            throw QboFaultException.Business($"Make sure all your transactions have a {Settings.TaxWord} rate before you save.");
        }

        if (!Table("TaxCode").TryGetValue(code, out var taxCode) || taxCode["Active"]?.GetValue<bool>() == false)
        {
            throw QboFaultException.InvalidReference("TaxCodeRef", code);
        }
    }

    /// <summary>The company's tax codes as QBO returns them (Finance.xsd TaxCode / TaxRate), rates in percent.</summary>
    private void StoreTaxCodes()
    {
        var created = "2026-01-05T01:00:00-08:00";
        if (Settings.IsUnitedStates)
        {
            foreach (var (id, taxable) in new[] { ("TAX", true), ("NON", false) })
            {
                Store("TaxCode", new JsonObject
                {
                    ["Id"] = id,
                    ["MetaData"] = new JsonObject { ["CreateTime"] = created, ["LastUpdatedTime"] = created },
                    ["Name"] = id,
                    ["Description"] = id,
                    ["Taxable"] = taxable,
                    ["TaxGroup"] = false,
                });
            }

            return;
        }

        var rateId = 100;
        foreach (var code in Settings.TaxCodes)
        {
            var rate = (rateId++).ToString(CultureInfo.InvariantCulture);
            Store("TaxRate", new JsonObject
            {
                ["Id"] = rate,
                ["SyncToken"] = "0",
                ["MetaData"] = new JsonObject { ["CreateTime"] = created, ["LastUpdatedTime"] = created },
                ["Name"] = code.Name + " (sales)",
                ["Active"] = true,
                ["RateValue"] = code.Rate,
                ["SpecialTaxType"] = code.Rate == 0m ? "ZERO_RATE" : "NONE",
                ["DisplayType"] = "ReadOnly",
                ["domain"] = "QBO",
                ["sparse"] = false,
            });
            Store("TaxCode", new JsonObject
            {
                ["Id"] = code.Id,
                ["SyncToken"] = "0",
                ["MetaData"] = new JsonObject { ["CreateTime"] = created, ["LastUpdatedTime"] = created },
                ["Name"] = code.Name,
                ["Description"] = code.Name,
                ["Active"] = true,
                ["Hidden"] = false,
                ["Taxable"] = true,
                ["TaxGroup"] = true,
                ["SalesTaxRateList"] = new JsonObject
                {
                    ["TaxRateDetail"] = new JsonArray(new JsonObject
                    {
                        ["TaxRateRef"] = new JsonObject { ["value"] = rate, ["name"] = code.Name + " (sales)" },
                        ["TaxTypeApplicable"] = "TaxOnAmount",
                        ["TaxOrder"] = 0,
                    }),
                },
                ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = new JsonArray() },
                ["TaxCodeConfigType"] = "SYSTEM_GENERATED",
                ["domain"] = "QBO",
                ["sparse"] = false,
            });
        }
    }

    private Dictionary<string, JsonObject> Table(string entity) =>
        _entities.TryGetValue(entity, out var table) ? table : throw QboFaultException.Validation("6000", "Unsupported entity", $"Entity {entity} is not supported");

    private void Store(string entity, JsonObject record) => Table(entity)[record["Id"]!.ToString()] = record;

    private string Now() => _time.GetUtcNow().ToOffset(CompanyOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Orders records by Id: numeric ids by value first (as QBO lists them), then text ids such as TAX and NON.</summary>
    internal sealed class IdOrder : IComparer<JsonObject>
    {
        public static IdOrder Instance { get; } = new();

        public int Compare(JsonObject? x, JsonObject? y)
        {
            var a = x?["Id"]?.ToString() ?? string.Empty;
            var b = y?["Id"]?.ToString() ?? string.Empty;
            var aNumber = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var na);
            var bNumber = long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var nb);
            return (aNumber, bNumber) switch
            {
                (true, true) => na.CompareTo(nb),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a, b),
            };
        }
    }
}
