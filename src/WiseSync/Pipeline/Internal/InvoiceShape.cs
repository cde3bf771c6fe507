namespace WiseSync.Pipeline.Internal;

/// <summary>What the PSA must give before anything is written: an id to mark, a company to bill, lines and recipients lists.</summary>
internal static class InvoiceShape
{
    /// <summary>Why the invoice cannot be worked on; null when its shape is whole.</summary>
    public static string? Problem(PsaInvoice invoice)
    {
        if (string.IsNullOrWhiteSpace(invoice.Id))
        {
            return "The invoice has no PSA id; nothing can be marked synced.";
        }

        if (!IsValidText(invoice.Id) || !IsValidText(invoice.Number))
        {
            // A lone surrogate cannot be stored faithfully (SQLite keeps UTF-8): the ledger's lookups would miss it.
            return "The invoice id or number is not valid Unicode text.";
        }

        if (invoice.Company is null || string.IsNullOrWhiteSpace(invoice.Company.Id))
        {
            return "The invoice has no company.";
        }

        if (string.IsNullOrWhiteSpace(invoice.Company.Name))
        {
            return $"The invoice's company {invoice.Company.Id} has no name; an accounting customer needs one.";
        }

        return invoice.Lines is null || invoice.Recipients is null ? "The PSA gave the invoice without its lines or recipients." : null;
    }

    private static bool IsValidText(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
