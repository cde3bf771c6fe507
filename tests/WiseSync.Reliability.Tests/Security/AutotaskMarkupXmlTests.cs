using WiseSync.Autotask.Invoices;

namespace WiseSync.Reliability.Tests.Security;

/// <summary>
/// Autotask's InvoiceMarkupXml (shown by show-invoice) is the only XML WiseSync reads: a DTD with an external or an
/// expanding entity is never resolved, and the reader returns the document as sent instead of throwing.
/// </summary>
public sealed class AutotaskMarkupXmlTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"wisesync-xxe-{Guid.NewGuid():N}.txt");
    private const string Marker = "XXE-FILE-CONTENT-7f3a9c";

    public AutotaskMarkupXmlTests() => File.WriteAllText(_file, Marker);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void External_entity_in_invoice_markup_is_not_resolved()
    {
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE invoice [ <!ENTITY local SYSTEM "{new Uri(_file).AbsoluteUri}"> <!ENTITY passwd SYSTEM "file:///etc/passwd"> ]>
            <invoice><invoice_number>INV-1</invoice_number><memo>&local;</memo><notes>&passwd;</notes></invoice>
            """;

        var shown = AutotaskPsaSource.Indent(xml);

        Assert.DoesNotContain(Marker, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", shown, StringComparison.Ordinal);
        Assert.Contains("&local;", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Expanding_internal_entity_is_not_expanded()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE invoice [ <!ENTITY a "AAAAAAAAAA"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> ]>
            <invoice><memo>&c;</memo></invoice>
            """;

        var shown = AutotaskPsaSource.Indent(xml);

        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAA", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < xml.Length * 2, $"the markup grew to {shown.Length} characters");
    }

    [Fact]
    public void Markup_without_a_dtd_is_still_indented()
    {
        var shown = AutotaskPsaSource.Indent("<invoice><invoice_number>INV-1</invoice_number></invoice>");

        Assert.Contains("\n", shown, StringComparison.Ordinal);
        Assert.Contains("<invoice_number>INV-1</invoice_number>", shown, StringComparison.Ordinal);
    }
}
