using System.Net;
using System.Xml.Linq;

namespace WiseSync.Sandbox.Autotask;

/// <summary>
/// <c>Invoices/{id}/InvoiceMarkupXml|Html</c>: the invoice as Autotask's invoice export renders it, one invoice per call
/// (reference/psa-apis.md §1.5). The element names are the sandbox's own; the real layout follows the invoice template.
/// </summary>
internal static class AutotaskInvoiceMarkup
{
    public static string Render(AutotaskStore store, long invoiceId, bool xml)
    {
        if (store.MarkupOverrides.TryGetValue(invoiceId, out var text))
        {
            return text;
        }

        JsonObject invoice;
        lock (store.Invoices.Gate)
        {
            if (!store.Invoices.Records.TryGetValue(invoiceId, out var found))
            {
                throw new AutotaskApiError($"Invoices with id {invoiceId} was not found.");
            }

            invoice = (JsonObject)found.DeepClone();
        }

        JsonObject[] items;
        lock (store.BillingItems.Gate)
        {
            items = store.BillingItems.Records.Values
                .Where(i => AutotaskJsonValues.Long(i["invoiceID"]) == invoiceId)
                .Select(i => (JsonObject)i.DeepClone())
                .ToArray();
        }

        string? companyName = null;
        lock (store.Companies.Gate)
        {
            if (AutotaskJsonValues.Long(invoice["companyID"]) is { } companyId && store.Companies.Records.TryGetValue(companyId, out var company))
            {
                companyName = AutotaskJsonValues.Text(company["companyName"]);
            }
        }

        var document = new XElement("invoice_batch_generic",
            new XElement("invoice_batch_id", AutotaskJsonValues.Long(invoice["batchID"])),
            new XElement("invoices",
                new XElement("invoice",
                    new XElement("invoice_id", invoiceId),
                    new XElement("invoice_number", AutotaskJsonValues.Text(invoice["invoiceNumber"])),
                    new XElement("invoice_date", AutotaskJsonValues.Text(invoice["invoiceDateTime"])),
                    new XElement("due_date", AutotaskJsonValues.Text(invoice["dueDate"])),
                    new XElement("customer", new XElement("id", AutotaskJsonValues.Long(invoice["companyID"])), new XElement("name", companyName)),
                    new XElement("purchase_order", AutotaskJsonValues.Text(invoice["orderNumber"])),
                    new XElement("total_tax", Money(invoice["totalTaxValue"])),
                    new XElement("invoice_total", Money(invoice["invoiceTotal"])),
                    new XElement("line_items", items.Select(i => new XElement("line_item",
                        new XElement("id", AutotaskJsonValues.Long(i["id"])),
                        new XElement("name", AutotaskJsonValues.Text(i["itemName"])),
                        new XElement("description", AutotaskJsonValues.Text(i["description"])),
                        new XElement("quantity", Money(i["quantity"])),
                        new XElement("rate", Money(i["rate"])),
                        new XElement("extended_price", Money(i["extendedPrice"])),
                        new XElement("tax", Money(i["taxDollars"]))))))));

        var markup = new XDocument(new XDeclaration("1.0", "utf-8", null), document).ToString();
        return xml ? markup : $"<html><body><pre>{WebUtility.HtmlEncode(markup)}</pre></body></html>";
    }

    private static string Money(JsonNode? node) =>
        AutotaskJsonValues.Number(node)?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;
}
