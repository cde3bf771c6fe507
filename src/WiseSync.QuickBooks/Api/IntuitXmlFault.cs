using System.Xml;
using System.Xml.Linq;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Api;

/// <summary>
/// Reads a Fault from an XML answer. QBO may answer in XML even when JSON was asked for: the throttle body (reference
/// Part 2.3, python-quickbooks#43) and system failures recorded by quickbooks-ruby (<c>&lt;IntuitResponse&gt;&lt;Fault type="SystemFault"&gt;</c>).
/// DTDs and external entities are refused.
/// </summary>
internal static class IntuitXmlFault
{
    public static QboFault? TryRead(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '<')
        {
            return null;
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var fault = XDocument.Load(reader).Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault");
            if (fault is null)
            {
                return null;
            }

            var errors = fault.Elements().Where(e => e.Name.LocalName == "Error").Select(e => new QboError(
                Child(e, "Message"),
                Child(e, "Detail"),
                (string?)e.Attribute("code"),
                (string?)e.Attribute("element"))).ToList();
            return new QboFault(errors, (string?)fault.Attribute("type"));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? Child(XElement error, string name) =>
        error.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
}
