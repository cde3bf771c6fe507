using WiseSync.ConnectWise.Api;
using WiseSync.ConnectWise.Dto;

namespace WiseSync.ConnectWise.Invoices;

/// <summary>
/// Reads invoice lines and GL entry ids from the GL export.
/// Why the GL export and not the invoice's products/time/expenses: the export detail is already split per GL account
/// and tax, honours the Accounting Package's invoice format and is what ConnectWise's own accounting integrations
/// consume, while a rebuild from source records misses agreement additions (they carry no invoice link) and invoice-level
/// adjustments (reference/psa-apis.md §2.5). It also shows whether the invoice has GL entries at all — without them it can
/// never be batched (§2.4) — so a missing mapping is found before anything is marked.
/// </summary>
internal static class GlExportReader
{
    /// <summary>Why an invoice cannot be batched, or null when its GL entries are complete.</summary>
    public static string? GlProblem(CwGlTransaction? transaction)
    {
        if (transaction is null)
        {
            return "it is not in ConnectWise's GL export (no GL entries): check the GL account mappings under Finance > Setup, then re-close the invoice";
        }

        var unmapped = (transaction.Detail ?? [])
            .Where(d => string.IsNullOrWhiteSpace(d.AccountNumber))
            .Select(d => d.Item?.Identifier ?? d.Item?.Name ?? d.Description ?? "a line")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (unmapped.Count > 0)
        {
            return $"GL mapping incomplete: no GL account for {string.Join(", ", unmapped)}; fix the GL account mappings under Finance > Setup, then re-close the invoice";
        }

        if (string.IsNullOrWhiteSpace(transaction.AccountNumber))
        {
            return "GL mapping incomplete: no accounts-receivable GL account; fix the GL account mappings under Finance > Setup, then re-close the invoice";
        }

        return GlEntryIds(transaction).Count == 0
            ? "ConnectWise has no GL entries for it; re-close the invoice so ConnectWise creates them"
            : null;
    }

    /// <summary>The GL entry record ids, exported as a comma-separated string (Zynk: "a comma separated list of glEntryIds").</summary>
    public static IReadOnlyList<int> GlEntryIds(CwGlTransaction transaction) =>
        (transaction.GlEntryIds ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var id) ? id : (int?)null)
            .OfType<int>()
            .ToList();

    /// <summary>The invoice's lines from the export detail; the invoice's sales tax is spread over its taxable lines.</summary>
    public static IReadOnlyList<PsaInvoiceLine> Lines(CwGlTransaction? transaction, decimal salesTax, NodaTime.DateTimeZone zone)
    {
        var details = transaction?.Detail ?? [];
        var taxable = details.Where(d => d.TaxableFlag == true && (d.Total ?? 0m) != 0m).ToList();
        var taxableSet = new HashSet<CwGlDetail>(taxable, ReferenceEqualityComparer.Instance);
        var taxableBase = taxable.Sum(d => d.Total ?? 0m);
        var taxLeft = salesTax;
        var lines = new List<PsaInvoiceLine>(details.Count);
        foreach (var d in details)
        {
            var amount = d.Total ?? 0m;
            var quantity = d.Quantity ?? 1m;
            var unitPrice = d.ItemPrice ?? (quantity == 0m ? amount : Math.Round(amount / quantity, 4));
            var tax = 0m;
            if (taxableBase != 0m && taxableSet.Contains(d))
            {
                // The export states tax per invoice; lines get shares rounded to cents, the last taxable line the remainder.
                tax = ReferenceEquals(d, taxable[^1]) ? taxLeft : Math.Round(salesTax * amount / taxableBase, 2, MidpointRounding.AwayFromZero);
                taxLeft -= tax;
            }

            lines.Add(new PsaInvoiceLine(d.Description ?? d.Memo ?? d.Item?.Name ?? string.Empty, quantity, unitPrice, amount, tax)
            {
                ItemCode = d.Item?.Identifier ?? d.Item?.Name ?? d.SalesCode,
                GlCode = string.IsNullOrWhiteSpace(d.AccountNumber) ? null : d.AccountNumber,
                TaxCode = d.TaxCode?.Name,
                Date = CwDates.ToLocalDate(d.DocumentDate, zone),
                Kind = d.TimeEntry is not null ? "Time" : d.Item is not null ? "Product" : d.InvoiceSummaryOption,
            });
        }

        return lines;
    }
}
