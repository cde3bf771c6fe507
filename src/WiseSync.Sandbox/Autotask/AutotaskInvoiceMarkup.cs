using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
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
                .Where(i => (long?)i["invoiceID"] == invoiceId)
                .Select(i => (JsonObject)i.DeepClone())
                .ToArray();
        }

        string? companyName = null;
        lock (store.Companies.Gate)
        {
            if ((long?)invoice["companyID"] is { } companyId && store.Companies.Records.TryGetValue(companyId, out var company))
            {
                companyName = (string?)company["companyName"];
            }
        }

        var document = new XElement("invoice_batch_generic",
            new XElement("invoice_batch_id", (int?)invoice["batchID"]),
            new XElement("invoices",
                new XElement("invoice",
                    new XElement("invoice_id", invoiceId),
                    new XElement("invoice_number", (string?)invoice["invoiceNumber"]),
                    new XElement("invoice_date", (string?)invoice["invoiceDateTime"]),
                    new XElement("due_date", (string?)invoice["dueDate"]),
                    new XElement("customer", new XElement("id", (long?)invoice["companyID"]), new XElement("name", companyName)),
                    new XElement("purchase_order", (string?)invoice["orderNumber"]),
                    new XElement("total_tax", Money(invoice["totalTaxValue"])),
                    new XElement("invoice_total", Money(invoice["invoiceTotal"])),
                    new XElement("line_items", items.Select(i => new XElement("line_item",
                        new XElement("id", (long?)i["id"]),
                        new XElement("name", (string?)i["itemName"]),
                        new XElement("description", (string?)i["description"]),
                        new XElement("quantity", Money(i["quantity"])),
                        new XElement("rate", Money(i["rate"])),
                        new XElement("extended_price", Money(i["extendedPrice"])),
                        new XElement("tax", Money(i["taxDollars"]))))))));

        var markup = new XDocument(new XDeclaration("1.0", "utf-8", null), document).ToString();
        return xml ? markup : $"<html><body><pre>{WebUtility.HtmlEncode(markup)}</pre></body></html>";
    }

    private static string Money(JsonNode? node) =>
        node is null ? string.Empty : node.GetValue<decimal>().ToString("0.00", CultureInfo.InvariantCulture);
}
