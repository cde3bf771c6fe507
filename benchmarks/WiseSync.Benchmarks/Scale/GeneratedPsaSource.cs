using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;

namespace WiseSync.Benchmarks.Scale;

/// <summary>
/// A PSA that makes its invoices up as they are read, so the source itself holds none of them: invoice <c>i</c> bills
/// company <c>i % companies</c>, has three lines and two recipients (the primary and one other contact). Marks are counted,
/// not stored.
/// </summary>
internal sealed class GeneratedPsaSource(int invoices, int companies) : IPsaSource
{
    // One reference per company, as the providers hand out the company they read once per run (Autotask's and
    // ConnectWise's company caches): an invoice's company name is that company's one string, not a copy per invoice.
    private readonly PsaCompanyRef[] _companies = Enumerable.Range(0, companies)
        .Select(c => c.ToString(CultureInfo.InvariantCulture))
        .Select(c => new PsaCompanyRef(c, "Company " + c, "ACC" + c))
        .ToArray();

    private static readonly LocalDate FirstDate = new(2026, 1, 1);
    private long _marked;
    private long _contactCalls;

    public string Name => "GeneratedPsa";

    public long Marked => Interlocked.Read(ref _marked);

    public long ContactCalls => Interlocked.Read(ref _contactCalls);

    public async IAsyncEnumerable<PsaInvoice> GetInvoicesAsync(PsaInvoiceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < invoices; i++)
        {
            // A page boundary every 500 invoices, as a vendor page would be.
            if (i % 500 == 0)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return Invoice(i);
        }
    }

    public Task<IReadOnlyList<PsaContact>> GetCompanyContactsAsync(IReadOnlyCollection<string> companyIds, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _contactCalls);
        var contacts = new List<PsaContact>(companyIds.Count * 4);
        foreach (var company in companyIds)
        {
            for (var c = 0; c < 4; c++)
            {
                contacts.Add(new PsaContact($"{company}-{c}", company, $"First{c}", $"Last{c}", ContactEmail(company, c), IsPrimary: c == 0, IsActive: true));
            }
        }

        return Task.FromResult<IReadOnlyList<PsaContact>>(contacts);
    }

    public Task<IReadOnlyList<PsaWriteResult>> MarkSyncedAsync(string batchKey, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _marked, marks.Count);
        return Task.FromResult<IReadOnlyList<PsaWriteResult>>(marks.Select(m => new PsaWriteResult(m.InvoiceId)).ToList());
    }

    public Task<IReadOnlyList<PsaWriteResult>> ClearSyncedAsync(IReadOnlyList<string> invoiceIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PsaWriteResult>>(invoiceIds.Select(id => new PsaWriteResult(id)).ToList());

    public Task<IReadOnlyList<PsaWriteResult>> SetPaidAsync(IReadOnlyList<PsaPaidMark> marks, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PsaWriteResult>>(marks.Select(m => new PsaWriteResult(m.InvoiceId)).ToList());

    public Task<RawDocument> GetRawInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RawDocument("application/json", "{}"));

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, Name));

    private static string ContactEmail(string company, int c) => $"contact{c}@company{company}.example.com";

    private PsaInvoice Invoice(int i)
    {
        var companyRef = _companies[i % companies];
        var company = companyRef.Id;
        var date = FirstDate.PlusDays(i % 300);
        var lines = new PsaInvoiceLine[3];
        for (var l = 0; l < lines.Length; l++)
        {
            var quantity = 1m + l;
            var price = 50m + (i % 97) + l;
            lines[l] = new PsaInvoiceLine($"Service {l} for invoice {i}", quantity, price, quantity * price, Math.Round(quantity * price * 0.1m, 2))
            {
                ItemCode = $"ITEM-{l}",
                GlCode = "4000",
                TaxCode = "GST",
                Date = date,
            };
        }

        var subtotal = lines.Sum(l => l.Amount);
        var tax = lines.Sum(l => l.Tax);
        return new PsaInvoice(
            (1_000_000 + i).ToString(CultureInfo.InvariantCulture),
            "INV" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture),
            companyRef,
            date,
            date.PlusDays(30),
            new PaymentTermsRef("1", "Net 30", 30),
            "USD",
            lines,
            subtotal,
            tax,
            subtotal + tax,
            [ContactEmail(company, 0), ContactEmail(company, 1 + (i % 3))]);
    }
}
