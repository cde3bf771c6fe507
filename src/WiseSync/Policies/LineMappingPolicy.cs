using System.Globalization;
using WiseSync.Policies.Internal;

namespace WiseSync.Policies;

/// <summary>
/// Maps PSA lines to accounting lines: item, account, tax and tracking codes from the options; item codes longer than the
/// sink allows shortened deterministically and without collisions; optional exclusion of non-billable lines; and a
/// rounding line when lines plus tax miss the PSA total by no more than the tolerance (beyond it the invoice is red).
/// One instance per run: it remembers the short item codes it handed out so two long codes never share one.
/// </summary>
internal sealed class LineMappingPolicy(LineMappingOptions options)
{
    private const int MaxSaltAttempts = 64;
    private readonly Dictionary<string, string> _shortCodeOwners = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _shortened = new(StringComparer.OrdinalIgnoreCase);

    public LineMappingResult Map(PsaInvoice invoice, AccountingCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(capabilities);
        try
        {
            return MapLines(invoice, capabilities);
        }
        catch (OverflowException)
        {
            // Amounts near decimal's limits (a PSA data error) make the sums overflow: that invoice is red, the run goes on.
            return new LineMappingResult([], 0m, 0m, [], "The invoice's amounts are too large to add up; check the lines and totals in the PSA.");
        }
    }

    private LineMappingResult MapLines(PsaInvoice invoice, AccountingCapabilities capabilities)
    {
        var warnings = new List<string>();
        var sign = invoice.DocumentKind == DocumentKind.CreditNote ? -1m : 1m;
        var tracking = invoice.Division is { } division && options.TrackingByDivision.TryGetValue(division, out var mappedTracking)
            ? mappedTracking
            : options.DefaultTracking;

        var lines = new List<AccountingLine>();
        var linesSum = 0m;
        var excluded = 0;
        foreach (var line in invoice.Lines)
        {
            if (options.ExcludeNonBillableLines && !line.Billable)
            {
                excluded++;
                continue;
            }

            // A non-billable line is listed but never charged (the PSA's total leaves it out), so it is kept at no charge.
            var charged = line.Billable ? line : line with { UnitPrice = 0m, Amount = 0m, Tax = 0m };
            linesSum += charged.Amount;
            var itemCode = MapCode(line.ItemCode, options.ItemCodes, options.DefaultItemCode);
            if (itemCode is not null && itemCode.Length > capabilities.MaxItemCodeLength)
            {
                var shortCode = ShortenItemCode(itemCode, capabilities.MaxItemCodeLength);
                warnings.Add($"Item code {itemCode} is longer than {capabilities.MaxItemCodeLength} characters; used {shortCode}.");
                itemCode = shortCode;
            }
            else if (itemCode is not null)
            {
                _shortCodeOwners.TryAdd(itemCode, itemCode);
            }

            // A credit note carries positive amounts: flip the sign on the quantity when it is negative, else on the price.
            var (quantity, unitPrice) = sign < 0m && charged.Quantity < 0m ? (-charged.Quantity, charged.UnitPrice) : (charged.Quantity, charged.UnitPrice * sign);
            lines.Add(new AccountingLine(charged.Description, quantity, unitPrice, charged.Amount * sign, charged.Tax * sign)
            {
                ItemCode = itemCode,
                AccountCode = MapCode(line.GlCode, options.AccountCodes, options.DefaultAccountCode),
                TaxCode = MapCode(line.TaxCode, options.TaxCodes, options.DefaultTaxCode),
                Tracking = tracking,
            });
        }

        if (excluded > 0)
        {
            warnings.Add($"{excluded} non-billable line(s) left out.");
        }

        var tax = invoice.TaxMode == TaxMode.Exclusive ? invoice.TaxTotal : 0m;
        var difference = invoice.Total - (linesSum + tax);
        if (Math.Abs(difference) > options.RoundingTolerance)
        {
            return new LineMappingResult([], 0m, 0m, warnings,
                $"Lines and tax add up to {Money(linesSum + tax)} but the invoice total is {Money(invoice.Total)}: " +
                $"the difference {Money(difference)} is more than the rounding tolerance {Money(options.RoundingTolerance)}.");
        }

        if (difference != 0m)
        {
            lines.Add(new AccountingLine(options.RoundingDescription, 1m, difference * sign, difference * sign, 0m)
            {
                ItemCode = options.RoundingItemCode,
                AccountCode = options.RoundingAccountCode ?? options.DefaultAccountCode,
                TaxCode = options.RoundingTaxCode,
                Tracking = tracking,
                IsRounding = true,
            });
            warnings.Add($"Added a rounding line of {Money(difference)} so the total matches the PSA.");
        }

        if (lines.Count == 0)
        {
            return new LineMappingResult([], 0m, 0m, warnings, "The invoice has no lines to post.");
        }

        return new LineMappingResult(lines, invoice.Total * sign, invoice.TaxTotal * sign, warnings);
    }

    private static string? MapCode(string? psaCode, Dictionary<string, string> map, string? fallback)
    {
        if (string.IsNullOrWhiteSpace(psaCode))
        {
            return fallback;
        }

        return map.TryGetValue(psaCode.Trim(), out var mapped) ? mapped : psaCode.Trim();
    }

    private string ShortenItemCode(string code, int maxLength)
    {
        if (_shortened.TryGetValue(code, out var known))
        {
            return known;
        }

        for (var salt = 0; salt < MaxSaltAttempts; salt++)
        {
            var candidate = ShortCode.Shorten(code, maxLength, salt);
            if (_shortCodeOwners.TryAdd(candidate, code) || string.Equals(_shortCodeOwners[candidate], code, StringComparison.OrdinalIgnoreCase))
            {
                _shortened[code] = candidate;
                return candidate;
            }
        }

        throw new InvalidOperationException($"Could not find a free short item code for {code}.");
    }

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
