using System.Text;

namespace WiseSync.Reliability.Tests.Adversarial;

/// <summary>What one adversarial run feeds the pipeline: the PSA's invoices and contacts, the sink's limits and the engine options.</summary>
public sealed record AdversarialCase(
    IReadOnlyList<PsaInvoice> Invoices,
    IReadOnlyList<PsaContact> Contacts,
    AccountingCapabilities Capabilities,
    int? DefaultNetDays)
{
    /// <summary>Whether the PSA listing repeats its first invoice (a shifting page boundary).</summary>
    public bool RepeatFirst { get; init; }

    /// <summary>A readable summary for a failing case (long strings cut, control characters escaped).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"repeatFirst={RepeatFirst}, caps={Capabilities}, defaultNet={DefaultNetDays}, contacts=[{string.Join("; ", Contacts.Select(c => $"{Show(c.CompanyId)}:{Show(c.Email)}{(c.IsPrimary ? "*" : "")}{(c.IsActive ? "" : "(inactive)")}"))}]");
        foreach (var invoice in Invoices)
        {
            text.AppendLine().Append($"  {Show(invoice.Id)} #{Show(invoice.Number)} co=({Show(invoice.Company?.Id)},{Show(invoice.Company?.Name)}) date={invoice.InvoiceDate} due={invoice.DueDate} terms={invoice.Terms} cur={Show(invoice.Currency)} ");
            text.Append($"sub={invoice.Subtotal} tax={invoice.TaxTotal} total={invoice.Total} mode={invoice.TaxMode} to=[{string.Join(",", (invoice.Recipients ?? []).Select(Show))}]");
            foreach (var line in invoice.Lines ?? [])
            {
                text.AppendLine().Append($"    {Show(line.Description)} q={line.Quantity} p={line.UnitPrice} a={line.Amount} t={line.Tax} item={Show(line.ItemCode)} billable={line.Billable}");
            }
        }

        return text.ToString();
    }

    internal static string Show(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = value.Length > 40 ? value[..40] + $"…({value.Length} chars)" : value;
        var escaped = new StringBuilder();
        foreach (var c in shown)
        {
            escaped.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return "\"" + escaped + "\"";
    }
}
