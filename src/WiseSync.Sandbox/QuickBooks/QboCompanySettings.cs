namespace WiseSync.Sandbox.QuickBooks;

/// <summary>One tax code of an emulated company outside the US: its id, name and sales rate in percent.</summary>
internal sealed record QboTaxCodeSetting(string Id, string Name, decimal Rate);

/// <summary>
/// Who the emulated company is: its country and tax settings. The default is a US company (TAX/NON line codes). A company
/// outside the US that uses sales tax (VAT/GST) refuses a sales line without a TaxCodeRef with error 6000, as QBO does
/// ("Make sure all your transactions have a VAT rate before you save", intuit/quickbooks-online-mcp-server#94).
/// Seeded through <c>POST /_sandbox/seed</c> with the problem
/// <c>{"kind":"company","vendor":"quickbooks","data":{"country":"GB","usingSalesTax":true,"taxCodes":[{"id":"3","name":"20.0% S","rate":20}]}}</c>.
/// </summary>
internal sealed record QboCompanySettings
{
    public const string ProblemKind = "company";

    public string Country { get; init; } = "US";

    public string CompanyName { get; init; } = QuickBooksEmulator.CompanyName;

    /// <summary>Preferences.TaxPrefs.UsingSalesTax.</summary>
    public bool UsingSalesTax { get; init; } = true;

    /// <summary>Preferences.TaxPrefs.PartnerTaxEnabled at start (US automated sales tax).</summary>
    public bool AutomatedSalesTax { get; init; }

    /// <summary>The company's tax codes outside the US; US companies have TAX and NON.</summary>
    public IReadOnlyList<QboTaxCodeSetting> TaxCodes { get; init; } = [];

    public static QboCompanySettings UnitedStates { get; } = new();

    public bool IsUnitedStates => Country is "US" or "USA";

    public bool NeedsTaxCodes => !IsUnitedStates && UsingSalesTax;

    /// <summary>What the country calls its sales tax in QBO's messages.</summary>
    public string TaxWord => Country switch
    {
        "CA" => "GST/HST",
        "AU" or "NZ" or "IN" or "SG" => "GST",
        _ => "VAT",
    };

    /// <summary>The settings the dataset's problems ask for, or the US default.</summary>
    public static QboCompanySettings From(SandboxDataset data)
    {
        var problem = data.Problems.LastOrDefault(p =>
            p.Kind == ProblemKind && string.Equals(p.Vendor, "quickbooks", StringComparison.OrdinalIgnoreCase) && p.Data is { ValueKind: JsonValueKind.Object });
        if (problem is null)
        {
            return UnitedStates;
        }

        var json = problem.Data!.Value;
        var country = json.TryGetProperty("country", out var c) && c.GetString() is { Length: > 0 } code ? code.Trim().ToUpperInvariant() : "US";
        var settings = new QboCompanySettings
        {
            Country = country,
            CompanyName = json.TryGetProperty("companyName", out var n) && n.GetString() is { Length: > 0 } name ? name : QuickBooksEmulator.CompanyName,
            UsingSalesTax = !json.TryGetProperty("usingSalesTax", out var u) || u.ValueKind != JsonValueKind.False,
            AutomatedSalesTax = json.TryGetProperty("automatedSalesTax", out var a) && a.ValueKind == JsonValueKind.True,
        };
        var codes = json.TryGetProperty("taxCodes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select((t, i) => new QboTaxCodeSetting(
                t.TryGetProperty("id", out var id) ? id.ToString() : (i + 3).ToString(CultureInfo.InvariantCulture),
                t.GetProperty("name").GetString()!,
                t.TryGetProperty("rate", out var rate) ? rate.GetDecimal() : 0m)).ToList()
            : null;
        return settings with { TaxCodes = settings.IsUnitedStates ? [] : codes ?? DefaultCodes(country) };
    }

    /// <summary>Tax codes a new company of that country starts with (names as QBO shows them there).</summary>
    private static IReadOnlyList<QboTaxCodeSetting> DefaultCodes(string country) => country switch
    {
        "AU" => [new("10", "GST", 10m), new("11", "GST free", 0m), new("12", "Out of scope", 0m)],
        "NZ" => [new("10", "GST", 15m), new("11", "Zero-rated", 0m), new("12", "Exempt", 0m)],
        "CA" => [new("3", "GST", 5m), new("4", "HST ON", 13m), new("5", "Exempt", 0m), new("6", "Zero-rated", 0m)],
        _ => [new("3", "20.0% S", 20m), new("4", "5.0% R", 5m), new("5", "0.0% Z", 0m), new("6", "Exempt", 0m), new("7", "No VAT", 0m)],
    };
}
