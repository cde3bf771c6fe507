namespace WiseSync.Sandbox.QuickBooks;

/// <summary>
/// The emulated QuickBooks Online Accounting API v3 below <c>/quickbooks/v3/company/{realmId}/</c>, independent of the
/// HTTP host: entity create/read/update/delete, the query language, <c>/batch</c> and <c>requestid</c> replay.
/// </summary>
internal sealed class QuickBooksApi(TimeProvider time)
{
    /// <summary>QBO's recommended and SDK-enforced maximum items per batch (reference Part 2.6).</summary>
    public const int MaxBatchItems = 30;

    /// <summary>The realm the sandbox credentials open (CONTRACTS §1).</summary>
    public const string SandboxRealmId = "9130000000000001";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, QboCompany> _companies = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Realm, string RequestId), QboApiResponse> _replays = [];
    private QboCompanySettings _settings = QboCompanySettings.UnitedStates;

    /// <summary>The country and tax settings the sandbox's company is created with (from the seed document).</summary>
    public QboCompanySettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            lock (_gate)
            {
                _settings = value;
            }
        }
    }

    public QboCompany Company(string realmId)
    {
        lock (_gate)
        {
            if (!_companies.TryGetValue(realmId, out var company))
            {
                company = new QboCompany(realmId, time, realmId == SandboxRealmId ? _settings : null);
                _companies[realmId] = company;
            }

            return company;
        }
    }

    public bool IsKnownRealm(string realmId) => realmId == SandboxRealmId || _companies.ContainsKey(realmId);

    /// <summary>Forgets every record (POST /_sandbox/reset).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _companies.Clear();
            _replays.Clear();
        }
    }

    /// <summary>
    /// Handles one request. <paramref name="path"/> is the part after the realm (e.g. <c>invoice</c>, <c>invoice/12</c>,
    /// <c>query</c>, <c>batch</c>); <paramref name="query"/> holds the query-string parameters.
    /// </summary>
    public QboApiResponse Handle(string realmId, string method, string path, IReadOnlyDictionary<string, string> query, string? body)
    {
        var company = Company(realmId);
        query.TryGetValue("requestid", out var requestId);
        var isWrite = method == "POST" && !path.Equals("query", StringComparison.OrdinalIgnoreCase);
        if (isWrite && !string.IsNullOrEmpty(requestId))
        {
            var max = path.Equals("batch", StringComparison.OrdinalIgnoreCase) ? 36 : 50;
            if (requestId.Length > max)
            {
                return Fault(QboFaultException.Validation("6000", "Invalid requestid", $"requestid must not be longer than {max} characters"));
            }

            // The same requestid returns the original response instead of running again (reference Part 2.2).
            lock (company.Gate)
            {
                if (_replays.TryGetValue((realmId, requestId), out var replay))
                {
                    return replay;
                }

                var response = Execute(company, method, path, query, body);
                if (response.Status < 500)
                {
                    _replays[(realmId, requestId)] = response;
                }

                return response;
            }
        }

        lock (company.Gate)
        {
            return Execute(company, method, path, query, body);
        }
    }

    /// <summary>The records of an entity as the API returns them, for /_sandbox/state.</summary>
    public JsonArray State(string entity)
    {
        var company = Company(SandboxRealmId);
        lock (company.Gate)
        {
            var canonical = QboCompany.CanonicalEntity(entity) ?? QboCompany.CanonicalEntity(entity.TrimEnd('s')) ?? (entity.Equals("creditmemos", StringComparison.OrdinalIgnoreCase) ? "CreditMemo" : null);
            if (canonical is null)
            {
                return [];
            }

            return new JsonArray(company.All(canonical).OrderBy(r => r, QboCompany.IdOrder.Instance).Select(r => (JsonNode)r.DeepClone()).ToArray());
        }
    }

    /// <summary>A customer pays the invoice with this DocNumber (POST /_sandbox/pay); null when no such invoice.</summary>
    public JsonObject? Pay(string invoiceNumber, decimal? amount, string date)
    {
        var company = Company(SandboxRealmId);
        lock (company.Gate)
        {
            var invoice = company.All("Invoice").FirstOrDefault(i => string.Equals(i["DocNumber"]?.ToString(), invoiceNumber, StringComparison.OrdinalIgnoreCase));
            if (invoice is null)
            {
                return null;
            }

            return company.Pay(invoice, amount ?? invoice["Balance"]!.GetValue<decimal>(), date);
        }
    }

    private QboApiResponse Execute(QboCompany company, string method, string path, IReadOnlyDictionary<string, string> query, string? body)
    {
        try
        {
            var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0)
            {
                throw QboFaultException.Validation("6000", "Unsupported operation", "No resource");
            }

            var resource = segments[0].ToLowerInvariant();
            return (method, resource) switch
            {
                ("GET", "query") => Query(company, query.GetValueOrDefault("query") ?? throw QboFaultException.Parse("missing query")),
                ("POST", "query") => Query(company, body ?? throw QboFaultException.Parse("missing query")),
                ("POST", "batch") => Batch(company, body),
                ("GET", "companyinfo") => Ok(new JsonObject { ["CompanyInfo"] = CompanyInfo(company) }),
                ("GET", _) when segments.Length == 2 => ReadEntity(company, resource, segments[1]),
                ("POST", _) when segments.Length == 1 => WriteEntity(company, resource, query.GetValueOrDefault("operation"), body),
                _ => throw QboFaultException.Validation("6000", "Unsupported operation", $"{method} {path} is not supported"),
            };
        }
        catch (QboFaultException fault)
        {
            return Fault(fault);
        }
        catch (JsonException ex)
        {
            return Fault(QboFaultException.Validation("2020", "Request has invalid or unsupported property", "Could not parse the request body: " + ex.Message));
        }
    }

    private QboApiResponse ReadEntity(QboCompany company, string resource, string id)
    {
        var entity = Entity(resource);
        return Ok(new JsonObject { [entity] = company.Read(entity, id) });
    }

    private QboApiResponse WriteEntity(QboCompany company, string resource, string? operation, string? body)
    {
        var entity = Entity(resource);
        var record = ParseObject(body);
        operation = operation?.ToLowerInvariant() ?? (record["Id"] is null ? "create" : "update");
        return Ok(new JsonObject { [entity] = company.Write(entity, operation, record) });
    }

    private QboApiResponse Query(QboCompany company, string text)
    {
        var statement = QboQueryStatement.Parse(text);
        if (string.Equals(statement.Entity, "Preferences", StringComparison.OrdinalIgnoreCase))
        {
            // One Preferences row per company, answered without startPosition (QuickBooks-V3-DotNET-SDK JsonSerializerTest).
            return Ok(new JsonObject { ["QueryResponse"] = new JsonObject { ["Preferences"] = new JsonArray(Preferences(company)), ["maxResults"] = 1 } });
        }

        return Ok(new JsonObject { ["QueryResponse"] = RunQuery(company, statement) });
    }

    /// <summary>
    /// The company's Preferences (Finance.xsd): TaxPrefs says whether sales tax is set up; <c>PartnerTaxEnabled</c> is present
    /// only for a company on US automated sales tax (reference Part 2.8: absent = not AST).
    /// </summary>
    public static JsonObject Preferences(QboCompany company)
    {
        var taxPrefs = new JsonObject { ["UsingSalesTax"] = company.Settings.UsingSalesTax };
        if (company.AutomatedSalesTax)
        {
            taxPrefs["PartnerTaxEnabled"] = true;
        }

        return new JsonObject
        {
            ["TaxPrefs"] = taxPrefs,
            ["CurrencyPrefs"] = new JsonObject { ["MultiCurrencyEnabled"] = false, ["HomeCurrency"] = new JsonObject { ["value"] = HomeCurrency(company.Settings.Country) } },
            ["domain"] = "QBO",
            ["sparse"] = false,
            ["Id"] = "1",
            ["SyncToken"] = "0",
            ["MetaData"] = new JsonObject { ["CreateTime"] = "2026-01-05T01:00:00-08:00", ["LastUpdatedTime"] = "2026-01-05T01:00:00-08:00" },
        };
    }

    /// <summary>CompanyInfo as QBO returns it (QuickBooks-V3-PHP-SDK's recording: name, addresses, Country as an ISO code).</summary>
    public static JsonObject CompanyInfo(QboCompany company)
    {
        var settings = company.Settings;
        JsonObject Address() => settings.IsUnitedStates
            ? new JsonObject { ["Id"] = "1", ["Line1"] = "1 Sandbox Way", ["City"] = "Mountain View", ["CountrySubDivisionCode"] = "CA", ["PostalCode"] = "94043", ["Country"] = "US" }
            : new JsonObject { ["Id"] = "1", ["Line1"] = "1 Sandbox Way", ["City"] = "Sandbox", ["Country"] = settings.Country };
        return new JsonObject
        {
            ["CompanyName"] = settings.CompanyName,
            ["LegalName"] = settings.CompanyName,
            ["CompanyAddr"] = Address(),
            ["CustomerCommunicationAddr"] = Address(),
            ["LegalAddr"] = Address(),
            ["Email"] = new JsonObject { ["Address"] = "books@sandbox.example" },
            ["Country"] = settings.Country,
            ["FiscalYearStartMonth"] = "January",
            ["SupportedLanguages"] = "en",
            ["domain"] = "QBO",
            ["sparse"] = false,
            ["Id"] = "1",
            ["SyncToken"] = "0",
            ["MetaData"] = new JsonObject { ["CreateTime"] = "2026-01-05T01:00:00-08:00", ["LastUpdatedTime"] = "2026-01-05T01:00:00-08:00" },
        };
    }

    private static string HomeCurrency(string country) => country switch
    {
        "US" or "USA" => "USD",
        "GB" => "GBP",
        "AU" => "AUD",
        "NZ" => "NZD",
        "CA" => "CAD",
        "IN" => "INR",
        "IE" or "FR" or "DE" or "ES" or "IT" or "NL" or "BE" => "EUR",
        _ => "USD",
    };

    private static JsonObject RunQuery(QboCompany company, QboQueryStatement statement)
    {
        var (rows, total) = company.Query(statement);
        if (statement.Count)
        {
            return new JsonObject { ["totalCount"] = total };
        }

        var response = new JsonObject();
        if (rows.Count > 0)
        {
            response[QboCompany.CanonicalEntity(statement.Entity)!] = new JsonArray(rows.Select(r => (JsonNode)r).ToArray());
            response["startPosition"] = statement.StartPosition;
            response["maxResults"] = rows.Count;
        }

        return response;
    }

    private QboApiResponse Batch(QboCompany company, string? body)
    {
        var request = ParseObject(body);
        if (request["BatchItemRequest"] is not JsonArray items || items.Count == 0)
        {
            throw QboFaultException.Required("BatchItemRequest");
        }

        if (items.Count > MaxBatchItems)
        {
            throw QboFaultException.Validation("6000", "Too many batch items", $"A batch can hold at most {MaxBatchItems} items; {items.Count} were sent");
        }

        var ids = items.Select(i => i?["bId"]?.ToString()).ToList();
        if (ids.Any(string.IsNullOrEmpty) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw QboFaultException.Validation("6000", "Invalid bId", "Every batch item needs a unique bId");
        }

        // Items run one after another and cannot see each other's results (reference Part 2.6); each has its own Fault.
        var responses = new JsonArray();
        foreach (var item in items.OfType<JsonObject>())
        {
            var bId = item["bId"]!.ToString();
            var answer = new JsonObject { ["bId"] = bId };
            try
            {
                if (item["Query"]?.ToString() is { } text)
                {
                    answer["QueryResponse"] = RunQuery(company, QboQueryStatement.Parse(text));
                }
                else
                {
                    var (entity, record) = item
                        .Where(p => p.Key is not ("bId" or "operation" or "optionsData") && p.Value is JsonObject)
                        .Select(p => (Entity(p.Key), (JsonObject)p.Value!))
                        .SingleOrDefault();
                    if (entity is null)
                    {
                        throw QboFaultException.Required("entity");
                    }

                    var operation = item["operation"]?.ToString() ?? throw QboFaultException.Required("operation");
                    answer[entity] = company.Write(entity, operation, record);
                }
            }
            catch (QboFaultException fault)
            {
                answer["Fault"] = fault.ToFault();
            }

            responses.Add(answer);
        }

        return Ok(new JsonObject { ["BatchItemResponse"] = responses });
    }

    private static string Entity(string resource) =>
        QboCompany.CanonicalEntity(resource) ?? throw QboFaultException.Validation("6000", "Unsupported entity", $"Entity {resource} is not supported");

    private static JsonObject ParseObject(string? body) =>
        JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body) as JsonObject
        ?? throw QboFaultException.Validation("2020", "Request has invalid or unsupported property", "The body must be a JSON object");

    private QboApiResponse Ok(JsonObject body)
    {
        body["time"] = Now();
        return QboApiResponse.Json(200, body);
    }

    private QboApiResponse Fault(QboFaultException fault) =>
        QboApiResponse.Json(fault.Status, new JsonObject { ["Fault"] = fault.ToFault(), ["time"] = Now() });

    public string Now() => time.GetUtcNow().ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
