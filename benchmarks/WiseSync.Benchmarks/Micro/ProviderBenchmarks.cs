using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NodaTime;
using WiseSync.Autotask;
using WiseSync.Autotask.Dto;
using WiseSync.Autotask.Invoices;
using WiseSync.Sandbox;
using WiseSync.Xero;
using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;
using WiseSync.Xero.Invoices;

namespace WiseSync.Benchmarks.Micro;

/// <summary>
/// The providers' per-invoice work, reported per invoice (OperationsPerInvoke): a Xero chunk of 50 drafts mapped to Xero's
/// DTOs and written as JSON, and a 500-invoice Autotask page (invoices + their billing items, as the sandbox's emulator
/// answers them) read into DTOs and mapped to the model.
/// </summary>
[MemoryDiagnoser]
public class ProviderBenchmarks
{
    private const int XeroChunk = 50;
    private const int AutotaskPage = 500;
    private readonly XeroDraftMapper _xero = new(new XeroOptions());
    private AccountingInvoiceDraft[] _drafts = [];
    private byte[] _invoicePage = [];
    private byte[] _itemPages = [];
    private AutotaskInvoiceMapper _autotask = null!;
    private AutotaskRunCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = new WiseSync.Policies.LineMappingPolicy(new WiseSync.LineMappingOptions { DefaultAccountCode = "200" });
        _drafts = Enumerable.Range(0, XeroChunk).Select(i =>
        {
            var invoice = MicroData.Invoice(i, MicroData.CompanyId);
            var mapped = lines.Map(invoice, MicroData.Xero);
            return new AccountingInvoiceDraft(invoice.Id, invoice.Number, invoice.DocumentKind, Guid.NewGuid().ToString(), invoice.InvoiceDate, invoice.DueDate, invoice.Currency, mapped.Lines, mapped.Total, $"key-{i}")
            {
                TaxTotal = mapped.TaxTotal,
                Reference = invoice.PurchaseOrderNumber,
            };
        }).ToArray();

        LoadAutotaskPagesAsync().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = XeroChunk, Description = "Xero: draft → DTO → JSON, per invoice (chunk of 50)")]
    public int XeroDraftToJson()
    {
        var dtos = new XeroInvoiceDto[_drafts.Length];
        for (var i = 0; i < _drafts.Length; i++)
        {
            dtos[i] = _xero.Invoice(_drafts[i], null);
        }

        return JsonSerializer.SerializeToUtf8Bytes(new XeroInvoicesDto { Invoices = dtos }, XeroJsonContext.Default.XeroInvoicesDto).Length;
    }

    [Benchmark(OperationsPerInvoke = AutotaskPage, Description = "Autotask: page JSON → DTO → model, per invoice (page of 500)")]
    public int AutotaskPageToModel()
    {
        var invoices = JsonSerializer.Deserialize(_invoicePage, AutotaskJsonContext.Default.AtPageAtInvoice)!.Items!;
        var items = JsonSerializer.Deserialize(_itemPages, AutotaskJsonContext.Default.AtPageAtBillingItem)!.Items!;
        var byInvoice = items.ToLookup(i => (long?)i.InvoiceID);
        var total = 0;
        foreach (var invoice in invoices)
        {
            total += _autotask.Map(invoice, byInvoice[invoice.Id].ToList(), _cache).Lines.Count;
        }

        return total;
    }

    /// <summary>Asks an in-process sandbox for a 500-invoice page and those invoices' billing items, and fills the run cache as a run would.</summary>
    private async Task LoadAutotaskPagesAsync()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Invoices = AutotaskPage, Companies = 50, RateLimits = false });
        using var http = new HttpClient();
        var credentials = sandbox.Credentials.Autotask;
        http.DefaultRequestHeaders.Add("UserName", credentials.UserName);
        http.DefaultRequestHeaders.Add("Secret", credentials.Secret);
        http.DefaultRequestHeaders.Add("ApiIntegrationCode", credentials.ApiIntegrationCode);
        var api = new Uri(sandbox.BaseUrl, "autotask/atservicesrest/v1.0/");
        async Task<byte[]> QueryAsync(string entity, JsonObject filter)
        {
            using var response = await http.PostAsJsonAsync(new Uri(api, entity + "/query"), filter);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }

        JsonObject All() => new() { ["filter"] = new JsonArray(new JsonObject { ["op"] = "gt", ["field"] = "id", ["value"] = 0 }) };
        _invoicePage = await QueryAsync("Invoices", All());

        // Billing items come 500 a page too; the benchmark reads the items of the page's invoices as one page.
        var itemNodes = new JsonArray();
        var page = JsonNode.Parse(await QueryAsync("BillingItems", All()))!;
        while (true)
        {
            foreach (var item in page["items"]!.AsArray())
            {
                itemNodes.Add(item!.DeepClone());
            }

            if (page["pageDetails"]?["nextPageUrl"] is not JsonValue next)
            {
                break;
            }

            using var response = await http.PostAsJsonAsync(new Uri((string)next!), All());
            page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        _itemPages = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["items"] = itemNodes, ["pageDetails"] = new JsonObject { ["count"] = itemNodes.Count } });
        var options = new AutotaskOptions();
        _autotask = new AutotaskInvoiceMapper(options, DateTimeZone.Utc);
        _cache = new AutotaskRunCache(null!, options.Recipients);
        var companies = JsonSerializer.Deserialize(await QueryAsync("Companies", All()), AutotaskJsonContext.Default.AtPageAtCompany)!.Items!;
        foreach (var company in companies)
        {
            _cache.Companies[company.Id] = company;
        }

        foreach (var term in JsonSerializer.Deserialize(await QueryAsync("PaymentTerms", All()), AutotaskJsonContext.Default.AtPageAtPaymentTerm)!.Items!)
        {
            _cache.Terms[term.Id] = term;
        }
    }
}
