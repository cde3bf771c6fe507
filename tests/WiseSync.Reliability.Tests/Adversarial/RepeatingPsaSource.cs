using System.Runtime.CompilerServices;

namespace WiseSync.Reliability.Tests.Adversarial;

/// <summary>A PSA whose listing repeats its first invoice at the end, as a page boundary that shifts between calls does.</summary>
public sealed class RepeatingPsaSource(IPsaSource inner) : IPsaSource
{
    public string Name => inner.Name;

    public async IAsyncEnumerable<PsaInvoice> GetInvoicesAsync(PsaInvoiceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        PsaInvoice? first = null;
        await foreach (var invoice in inner.GetInvoicesAsync(query, cancellationToken))
        {
            first ??= invoice;
            yield return invoice;
        }

        if (first is not null)
        {
            yield return first;
        }
    }

    public Task<IReadOnlyList<PsaContact>> GetCompanyContactsAsync(IReadOnlyCollection<string> companyIds, CancellationToken cancellationToken = default) =>
        inner.GetCompanyContactsAsync(companyIds, cancellationToken);

    public Task<IReadOnlyList<PsaWriteResult>> MarkSyncedAsync(string batchKey, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken = default) =>
        inner.MarkSyncedAsync(batchKey, marks, cancellationToken);

    public Task<IReadOnlyList<PsaWriteResult>> ClearSyncedAsync(IReadOnlyList<string> invoiceIds, CancellationToken cancellationToken = default) =>
        inner.ClearSyncedAsync(invoiceIds, cancellationToken);

    public Task<IReadOnlyList<PsaWriteResult>> SetPaidAsync(IReadOnlyList<PsaPaidMark> marks, CancellationToken cancellationToken = default) =>
        inner.SetPaidAsync(marks, cancellationToken);

    public Task<RawDocument> GetRawInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default) =>
        inner.GetRawInvoiceAsync(invoiceId, cancellationToken);

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default) =>
        inner.TestConnectionAsync(cancellationToken);
}
