using System.Globalization;
using WiseSync.QuickBooks.Customers;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>Turns an <see cref="AccountingInvoiceDraft"/> into a QBO Invoice or CreditMemo body.</summary>
internal static class QuickBooksInvoiceMapper
{
    /// <summary>The document body for a US company (the mapping before the company's country was read).</summary>
    public static QboTransaction Map(
        AccountingInvoiceDraft draft,
        QuickBooksOptions options,
        IReadOnlyDictionary<string, string> itemIds,
        IReadOnlyDictionary<string, string> itemWarnings,
        List<string> warnings) =>
        Map(draft, options, QuickBooksTaxCodes.UnitedStates(options), itemIds, itemWarnings, warnings, out _);

    /// <summary>The document body; <paramref name="error"/> says why it must not be sent (no tax code can be chosen), else null.</summary>
    public static QboTransaction Map(
        AccountingInvoiceDraft draft,
        QuickBooksOptions options,
        QuickBooksTaxCodes tax,
        IReadOnlyDictionary<string, string> itemIds,
        IReadOnlyDictionary<string, string> itemWarnings,
        List<string> warnings,
        out string? error)
    {
        var errors = new List<string>();
        if (tax.DocumentError() is { } documentError)
        {
            errors.Add(documentError);
        }

        if (tax.DocumentWarning(draft) is { } documentWarning)
        {
            warnings.Add(documentWarning);
        }

        var number = DocNumbers.Fit(draft.Number);
        var original = draft.OriginalNumber ?? (number != draft.Number.Trim() ? draft.Number : null);
        if (number != draft.Number.Trim())
        {
            warnings.Add($"The number '{draft.Number}' is longer than QuickBooks' {DocNumbers.MaxLength} characters; it was posted as '{number}'.");
        }

        var (billEmail, dropped) = EmailField.Fit(draft.InvoiceEmail);
        if (dropped.Count > 0)
        {
            warnings.Add(EmailField.DroppedWarning(dropped));
        }

        var lines = new List<QboLine>(draft.Lines.Count);
        foreach (var line in draft.Lines)
        {
            var (taxCode, taxWarning, taxError) = errors.Count > 0 ? (null, null, null) : tax.ForLine(line, draft, lines.Count + 1);
            if (taxError is not null)
            {
                errors.Add(taxError);
            }
            else if (taxWarning is not null && !warnings.Contains(taxWarning))
            {
                warnings.Add(taxWarning);
            }

            var itemId = options.DefaultItemId;
            if (!string.IsNullOrWhiteSpace(line.ItemCode))
            {
                var code = QuickBooksItemResolver.Clean(line.ItemCode);
                if (itemIds.TryGetValue(code, out var id))
                {
                    itemId = id;
                }

                if (itemWarnings.TryGetValue(code, out var warning) && !warnings.Contains(warning))
                {
                    warnings.Add(warning);
                }
            }

            var (qty, price) = QuantityAndPrice(line);
            var division = line.Tracking ?? draft.Division;
            lines.Add(new QboLine
            {
                Description = Cut(line.Description, 4000),
                Amount = line.Amount,
                SalesItemLineDetail = new QboSalesItemLineDetail
                {
                    ItemRef = new QboRef(itemId),
                    Qty = qty,
                    UnitPrice = price,
                    TaxCodeRef = taxCode,
                    ClassRef = division is not null && options.DivisionClasses.TryGetValue(division, out var classId) ? new QboRef(classId) : null,
                },
            });
        }

        // The first problem is enough to act on; more lines with the same cause would only repeat it.
        error = errors.Count == 0 ? null : errors[0] + (errors.Count > 1 ? $" ({errors.Count - 1} more line(s) need a tax code as well.)" : string.Empty);
        var note = DocumentMarker.Write(draft.PsaInvoiceId) + (original is null ? string.Empty : $", PSA number {original}") + (draft.SourceUrl is null ? string.Empty : " " + draft.SourceUrl.AbsoluteUri);
        return new QboTransaction
        {
            DocNumber = number,
            TxnDate = Date(draft.Date),
            DueDate = draft.DueDate is { } due ? Date(due) : null,
            CustomerRef = new QboRef(draft.CustomerId),
            CurrencyRef = string.IsNullOrWhiteSpace(draft.Currency) ? null : new QboRef(draft.Currency.ToUpperInvariant()),
            BillEmail = billEmail is null ? null : new QboEmail(billEmail),
            Line = lines,
            PrivateNote = Cut(note, 4000),
            CustomerMemo = string.IsNullOrWhiteSpace(draft.Reference) ? null : new QboMemo(Cut("PO " + draft.Reference, 1000)),
            // Under US automated sales tax QBO computes the tax itself (reference Part 2.8): send none.
            GlobalTaxCalculation = options.AutomatedSalesTax ? null : draft.TaxMode switch
            {
                TaxMode.Inclusive => "TaxInclusive",
                TaxMode.NoTax => "NotApplicable",
                _ => "TaxExcluded",
            },
            TxnTaxDetail = !tax.SendsTaxTotal || draft.TaxMode == TaxMode.NoTax || draft.TaxTotal == 0m
                ? null
                : new QboTxnTaxDetail { TotalTax = draft.TaxTotal },
        };
    }

    /// <summary>QBO rejects a line whose Amount is not Qty × UnitPrice (reference Part 2.5); keep the amount exact.</summary>
    internal static (decimal Qty, decimal UnitPrice) QuantityAndPrice(AccountingLine line)
    {
        static bool Fits(decimal qty, decimal price, decimal amount) =>
            Math.Round(qty * price, 2, MidpointRounding.AwayFromZero) == Math.Round(amount, 2, MidpointRounding.AwayFromZero);

        if (line.Quantity != 0m && Fits(line.Quantity, line.UnitPrice, line.Amount))
        {
            return (line.Quantity, line.UnitPrice);
        }

        if (line.Quantity != 0m)
        {
            var price = Math.Round(line.Amount / line.Quantity, 7, MidpointRounding.AwayFromZero);
            if (Fits(line.Quantity, price, line.Amount))
            {
                return (line.Quantity, price);
            }
        }

        return (1m, line.Amount);
    }

    private static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
