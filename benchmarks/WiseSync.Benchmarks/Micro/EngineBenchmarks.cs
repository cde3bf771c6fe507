using BenchmarkDotNet.Attributes;
using WiseSync.Policies;

namespace WiseSync.Benchmarks.Micro;

/// <summary>The engine's per-invoice policies: contact selection (per company) and line mapping (per invoice).</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly ContactEmailPolicy _contacts = new(ContactEmailHandling.PrimaryAndRecipients);
    private IReadOnlyList<PsaContact> _companyContacts = [];
    private IReadOnlyList<string> _recipients = [];
    private PsaInvoice _invoice = null!;
    private LineMappingOptions _lineOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        _companyContacts = MicroData.Contacts(MicroData.CompanyId, 12);
        _recipients = MicroData.Recipients(MicroData.CompanyId);
        _invoice = MicroData.Invoice(7, MicroData.CompanyId);
        _lineOptions = new LineMappingOptions
        {
            DefaultAccountCode = "200",
            TaxCodes = { ["GST"] = "OUTPUT" },
            TrackingByDivision = { ["Managed Services"] = "MSP" },
            ExcludeNonBillableLines = true,
        };
    }

    [Benchmark(Description = "Contact policy, Xero caps (5 persons)")]
    public ContactSelection ContactPolicyXero() =>
        _contacts.Select(MicroData.CompanyId, _recipients, _companyContacts, MicroData.Xero);

    [Benchmark(Description = "Contact policy, one-field sink (QuickBooks-like)")]
    public ContactSelection ContactPolicyQuickBooks() =>
        _contacts.Select(MicroData.CompanyId, _recipients, _companyContacts, MicroData.QuickBooks);

    [Benchmark(Description = "Invoice email list (recipient contacts, PSA order)")]
    public string? InvoiceEmail() =>
        _contacts.SelectInvoiceEmail(MicroData.CompanyId, _recipients, _companyContacts);

    // A new policy per call, as per run: it remembers the short item codes it handed out, so reuse would measure a cache hit.
    [Benchmark(Description = "Line mapping, 6 lines, long item code shortened")]
    public IReadOnlyList<AccountingLine> LineMapping() =>
        new LineMappingPolicy(_lineOptions).Map(_invoice, MicroData.Xero).Lines;
}
