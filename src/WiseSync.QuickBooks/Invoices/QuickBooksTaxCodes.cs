using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>
/// Chooses each line's TaxCodeRef for the company at hand.
/// <list type="bullet">
/// <item>US: automated sales tax sends <c>TAX</c>/<c>NON</c>; otherwise the line's code or <see cref="QuickBooksOptions.DefaultTaxCode"/> as given.</item>
/// <item>Outside the US with sales tax (VAT/GST), every line needs a code of the company: the line's code (the engine's
/// tax-code map turns the PSA's tax into it; an unmapped PSA tax name passes through) as a TaxCode id, else as a TaxCode
/// name; a line without one, or whose code the company does not have, takes <see cref="QuickBooksOptions.DefaultTaxCode"/>
/// (id or name); with none of these the document is refused before it is sent, naming the settings.</item>
/// <item>Outside the US without sales tax: no code, and a warning when the PSA charged tax.</item>
/// </list>
/// </summary>
internal sealed class QuickBooksTaxCodes(QuickBooksCompanyProfile profile, QuickBooksOptions options)
{
    private const int CodesNamedInMessages = 12;

    public QuickBooksCompanyProfile Profile { get; } = profile;

    /// <summary>The choice for a US company (line codes as given, TAX/NON under automated sales tax).</summary>
    public static QuickBooksTaxCodes UnitedStates(QuickBooksOptions options) => new(new QuickBooksCompanyProfile("US", null, null, []), options);

    /// <summary>Whether TxnTaxDetail may carry the PSA's tax total (not under automated sales tax, not without sales tax).</summary>
    public bool SendsTaxTotal => !options.AutomatedSalesTax && !(!Profile.IsUnitedStates && Profile.UsingSalesTax == false);

    /// <summary>A problem with the whole document before any line is looked at, or null.</summary>
    public string? DocumentError() =>
        options.AutomatedSalesTax && !Profile.IsUnitedStates
            ? $"QuickBooksOptions.AutomatedSalesTax is on, but this QuickBooks company is in {Profile.CountryText}: US automated sales tax applies to US companies only. Turn it off and give the lines tax codes (the tax-code map WiseSyncOptions.Lines.TaxCodes, or QuickBooksOptions.DefaultTaxCode)."
            : null;

    /// <summary>A warning for the whole document, or null.</summary>
    public string? DocumentWarning(AccountingInvoiceDraft draft) =>
        !Profile.IsUnitedStates && Profile.UsingSalesTax == false && draft.TaxTotal != 0m
            ? $"This QuickBooks company ({Profile.CountryText}) does not use sales tax (Preferences.TaxPrefs.UsingSalesTax is false): the PSA's tax of {draft.TaxTotal:0.00} was not posted."
            : null;

    /// <summary>The TaxCodeRef of one line, with a warning or, when no code can be chosen, an error.</summary>
    public (QboRef? Code, string? Warning, string? Error) ForLine(AccountingLine line, AccountingInvoiceDraft draft, int lineNumber)
    {
        if (Profile.IsUnitedStates)
        {
            if (options.AutomatedSalesTax)
            {
                // Under AST the line only says taxable or not; the engine picks the rate (reference Part 2.8).
                var taxable = draft.TaxMode != TaxMode.NoTax && (line.TaxAmount != 0m || string.Equals(line.TaxCode, "TAX", StringComparison.OrdinalIgnoreCase));
                return (new QboRef(taxable ? "TAX" : "NON"), null, null);
            }

            return (line.TaxCode ?? options.DefaultTaxCode) is { } code ? (new QboRef(code), null, null) : (null, null, null);
        }

        if (!Profile.NeedsTaxCodes)
        {
            return (null, null, null);
        }

        var lineText = $"Line {lineNumber} ('{Short(line.Description)}')";
        if (Find(line.TaxCode) is { } own)
        {
            return (Ref(own), null, null);
        }

        var fallback = Find(options.DefaultTaxCode);
        if (!string.IsNullOrWhiteSpace(options.DefaultTaxCode) && fallback is null)
        {
            return (null, null,
                $"QuickBooksOptions.DefaultTaxCode '{options.DefaultTaxCode}' is neither the id nor the name of a tax code of this QuickBooks company ({Profile.CountryText}); {Available()}.");
        }

        if (fallback is not null)
        {
            var warning = string.IsNullOrWhiteSpace(line.TaxCode)
                ? null
                : $"{lineText}: the tax code '{line.TaxCode}' is not a QuickBooks tax code of this company; the default {fallback.Name} ({fallback.Id}) from QuickBooksOptions.DefaultTaxCode was used. Map it in WiseSyncOptions.Lines.TaxCodes to post it as intended.";
            return (Ref(fallback), warning, null);
        }

        var why = string.IsNullOrWhiteSpace(line.TaxCode)
            ? "has no tax code"
            : $"has the tax code '{line.TaxCode}', which is neither the id nor the name of a QuickBooks tax code";
        var settings = line.IsRounding
            ? "set WiseSyncOptions.Lines.RoundingTaxCode or QuickBooksOptions.DefaultTaxCode"
            : "map the PSA's tax in WiseSyncOptions.Lines.TaxCodes or set QuickBooksOptions.DefaultTaxCode";
        return (null, null,
            $"{lineText} {why}: this QuickBooks company is in {Profile.CountryText} and uses sales tax (Preferences.TaxPrefs.UsingSalesTax), so QuickBooks refuses a line without a TaxCodeRef (error 6000). To choose one, {settings}; {Available()}.");
    }

    private QboTaxCode? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var wanted = code.Trim();
        return Profile.TaxCodes.FirstOrDefault(c => string.Equals(c.Id, wanted, StringComparison.Ordinal))
            ?? Profile.TaxCodes.FirstOrDefault(c => string.Equals(c.Name?.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
    }

    private string Available() =>
        Profile.TaxCodes.Count == 0
            ? "the company has no active tax codes"
            : "its tax codes are " + string.Join(", ", Profile.TaxCodes.Take(CodesNamedInMessages).Select(c => $"{c.Name} ({c.Id})"))
              + (Profile.TaxCodes.Count > CodesNamedInMessages ? $" and {Profile.TaxCodes.Count - CodesNamedInMessages} more" : string.Empty);

    private static QboRef Ref(QboTaxCode code) => new(code.Id);

    private static string Short(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
