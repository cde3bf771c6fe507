using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WiseSync.Pipeline.Internal;

/// <summary>Stable hashes of draft content and the idempotency keys derived from them.</summary>
internal static class PayloadHash
{
    /// <summary>A hash of everything the draft says except the customer id and key, which are known only after the intent.</summary>
    public static string Of(PsaInvoice invoice, string number, LocalDateText due, IReadOnlyList<AccountingLine> lines, decimal total, decimal taxTotal, string? existingAccountingId)
    {
        var text = new StringBuilder();
        void Add(object? value) => text.Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\u001f');
        Add(invoice.Company.Id);
        Add(number);
        Add(invoice.DocumentKind);
        Add(invoice.InvoiceDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        Add(due.Value);
        Add(invoice.Currency);
        Add(total);
        Add(taxTotal);
        Add(invoice.TaxMode);
        Add(invoice.PurchaseOrderNumber);
        Add(invoice.Division);
        Add(existingAccountingId);
        foreach (var line in lines)
        {
            Add(line.Description);
            Add(line.Quantity);
            Add(line.UnitPrice);
            Add(line.Amount);
            Add(line.TaxAmount);
            Add(line.ItemCode);
            Add(line.AccountCode);
            Add(line.TaxCode);
            Add(line.Tracking);
            Add(line.IsRounding);
        }

        return Hex(text.ToString(), 32);
    }

    /// <summary>One key per logical write: same connection, invoice and content give the same key on every retry and restart.</summary>
    public static string IdempotencyKey(string connection, string psaInvoiceId, string payloadHash) =>
        "ws-" + Hex($"{connection}\u001f{psaInvoiceId}\u001f{payloadHash}", 32);

    private static string Hex(string value, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..length];
}

/// <summary>A due date as text for hashing ("none" when absent).</summary>
internal readonly record struct LocalDateText(string Value)
{
    public static LocalDateText From(NodaTime.LocalDate? date) =>
        new(date?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "none");
}
