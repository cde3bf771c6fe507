using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using WiseSync.ConnectWise;
using WiseSync.ConnectWise.Customers;
using WiseSync.ConnectWise.Dto;
using WiseSync.ConnectWise.Invoices;
using WiseSync.QuickBooks;
using WiseSync.QuickBooks.Dto;
using WiseSync.QuickBooks.Invoices;
using WiseSync.Sandbox;

namespace WiseSync.Benchmarks.Micro;

/// <summary>
/// The other two providers' per-invoice work, reported per invoice (OperationsPerInvoke): a QuickBooks chunk of 30
/// drafts mapped to QBO Invoice bodies and written as one batch request, and a 500-invoice ConnectWise page (invoices,
/// their GL export, companies and contacts, as the sandbox's emulator answers them) read into DTOs and mapped to the model.
/// </summary>
[MemoryDiagnoser]
public class QuickBooksConnectWiseBenchmarks
{
    private const int QuickBooksChunk = 30;
    private const int ConnectWisePage = 500;
    private readonly QuickBooksOptions _qbo = new() { RealmId = "9130000000000001", DefaultIncomeAccountId = "79" };
    private AccountingInvoiceDraft[] _drafts = [];
    private Dictionary<string, string> _itemIds = [];
    private byte[] _invoicePage = [];
    private byte[] _export = [];
    private byte[] _companies = [];
    private byte[] _contacts = [];
    private ConnectWisePsaSource _connectWise = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = new WiseSync.Policies.LineMappingPolicy(new WiseSync.LineMappingOptions());
        _drafts = Enumerable.Range(0, QuickBooksChunk).Select(i =>
        {
            var invoice = MicroData.Invoice(i, MicroData.CompanyId);
            var mapped = lines.Map(invoice, MicroData.QuickBooks);
            return new AccountingInvoiceDraft(invoice.Id, invoice.Number, invoice.DocumentKind, "58", invoice.InvoiceDate, invoice.DueDate, invoice.Currency, mapped.Lines, mapped.Total, $"key-{i}")
            {
                TaxTotal = mapped.TaxTotal,
                Reference = invoice.PurchaseOrderNumber,
                InvoiceEmail = $"person0@{MicroData.CompanyId}.example.com; person3@{MicroData.CompanyId}.example.com",
            };
        }).ToArray();

        // As the item resolver leaves them after one query: every code known.
        _itemIds = _drafts.SelectMany(d => d.Lines).Select(l => l.ItemCode).OfType<string>().Distinct().Select((code, i) => (code, i)).ToDictionary(p => p.code, p => (p.i + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _connectWise = new ConnectWisePsaSource(() => throw new InvalidOperationException("The benchmark makes no calls."), new ConnectWiseOptions(), NullLogger.Instance);
        LoadConnectWisePagesAsync().GetAwaiter().GetResult();
        if (ConnectWisePageToModel() == 0)
        {
            throw new InvalidOperationException("The ConnectWise page mapped to invoices without lines: the export did not match the page.");
        }
    }

    [Benchmark(OperationsPerInvoke = QuickBooksChunk, Description = "QuickBooks: draft → DTO → batch JSON, per invoice (chunk of 30)")]
    public int QuickBooksDraftToJson()
    {
        var noWarnings = new Dictionary<string, string>();
        var requests = new QboBatchItemRequest[_drafts.Length];
        for (var i = 0; i < _drafts.Length; i++)
        {
            var body = QuickBooksInvoiceMapper.Map(_drafts[i], _qbo, _itemIds, noWarnings, []);
            requests[i] = new QboBatchItemRequest { BatchId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Operation = "create", Invoice = body };
        }

        return JsonSerializer.SerializeToUtf8Bytes(new QboBatchRequest(requests), QuickBooksJsonContext.Default.QboBatchRequest).Length;
    }

    [Benchmark(OperationsPerInvoke = ConnectWisePage, Description = "ConnectWise: page JSON → DTO → model, per invoice (page of 500)")]
    public int ConnectWisePageToModel()
    {
        var invoices = JsonSerializer.Deserialize(_invoicePage, CwJsonContext.Default.ListCwInvoice)!;
        var export = JsonSerializer.Deserialize(_export, CwJsonContext.Default.CwGlExport)!;
        var companies = JsonSerializer.Deserialize(_companies, CwJsonContext.Default.ListCwCompany)!.ToDictionary(c => c.Id);
        var contacts = JsonSerializer.Deserialize(_contacts, CwJsonContext.Default.ListCwContact)!;
        var contactsById = contacts.ToDictionary(c => c.Id);
        var contactsByCompany = contacts.Where(c => c.Company?.Id is not null).ToLookup(c => c.Company!.Id!.Value);
        var transactions = new Dictionary<string, CwGlTransaction>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in export.Transactions ?? [])
        {
            transactions[t.DocumentNumber ?? string.Empty] = t;
        }

        var total = 0;
        foreach (var invoice in invoices)
        {
            var companyId = invoice.BillToCompany?.Id ?? invoice.Company?.Id ?? 0;
            companies.TryGetValue(companyId, out var company);
            transactions.TryGetValue(invoice.InvoiceNumber ?? string.Empty, out var transaction);
            var recipients = RecipientResolver.Resolve(company, contactsById, contactsByCompany[companyId].ToList());
            total += _connectWise.ToModel(invoice, company, transaction, recipients).Lines.Count;
        }

        return total;
    }

    /// <summary>Asks an in-process sandbox for a 500-invoice page and the export, companies and contacts a listing reads with it.</summary>
    private async Task LoadConnectWisePagesAsync()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Invoices = ConnectWisePage, Companies = 50, RateLimits = false });
        var credentials = sandbox.Credentials.ConnectWise;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.CompanyId}+{credentials.PublicKey}:{credentials.PrivateKey}")));
        http.DefaultRequestHeaders.Add("clientId", credentials.ClientId);
        var api = new Uri(credentials.BaseUrl.AbsoluteUri.TrimEnd('/') + "/");
        async Task<byte[]> GetAsync(string path)
        {
            using var response = await http.GetAsync(new Uri(api, path));
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }

        _invoicePage = await GetAsync($"finance/invoices?pageSize={ConnectWisePage}&fields={ConnectWisePsaSource.InvoiceFields}");
        var invoices = JsonSerializer.Deserialize(_invoicePage, CwJsonContext.Default.ListCwInvoice)!;
        using (var response = await http.PostAsJsonAsync(new Uri(api, "finance/accounting/export"), new CwExportRequest { ThruDate = "2100-01-01T00:00:00Z", ExportInvoicesFlag = true, IncludedInvoiceIds = invoices.Select(i => i.Id).ToList() }, CwJsonContext.Default.CwExportRequest))
        {
            response.EnsureSuccessStatusCode();
            _export = await response.Content.ReadAsByteArrayAsync();
        }

        _companies = await GetAsync("company/companies?pageSize=1000");
        _contacts = await GetAsync("company/contacts?pageSize=1000");
    }
}
