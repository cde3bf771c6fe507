using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using WiseSync.Http;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Customers;
using WiseSync.QuickBooks.Payments;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>The <see cref="IAccountingSink"/> for one QuickBooks Online company (realm).</summary>
internal sealed class QuickBooksAccountingSink(QuickBooksOptions options, Func<QuickBooksApiClient> newApi, ILogger logger, TimeProvider time) : IAccountingSink
{
    /// <summary>
    /// How long the company's country and tax settings are trusted: a run reads them once (a run's chunks follow each other
    /// within minutes), a long-lived host sees a change made in QuickBooks within this time. A document refused for its
    /// tax codes makes the next chunk read them again at once.
    /// </summary>
    internal static readonly TimeSpan ProfileLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, string> _itemIds = new(StringComparer.OrdinalIgnoreCase);
    private CachedProfile? _profile;

    public string Name => "QuickBooks";

    /// <summary>
    /// One email field of 100 characters and no contact persons (reference Part 2.4), item names of 100 (Finance.xsd),
    /// DocNumber of 21 (Part 2.5), 30 items per batch (Part 2.6).
    /// </summary>
    public AccountingCapabilities Capabilities { get; } = new(
        MaxContactPersons: 0,
        MaxEmailFieldLength: EmailField.MaxLength,
        MaxItemCodeLength: QuickBooksItemResolver.MaxNameLength,
        MaxDocumentNumberLength: DocNumbers.MaxLength,
        BatchSize: BatchRunner.MaxItems);

    public Task<IReadOnlyList<CustomerResolution>> FindCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Count == 0
            ? Task.FromResult<IReadOnlyList<CustomerResolution>>([])
            : new QuickBooksCustomerResolver(newApi()).FindAsync(requests, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerResolution>> EnsureCustomersAsync(IReadOnlyList<CustomerRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var result = await new QuickBooksCustomerResolver(newApi()).EnsureAsync(requests, cancellationToken).ConfigureAwait(false);
        QuickBooksLog.CustomersEnsured(logger, options.RealmId, result.Count(r => r.Match == CustomerMatchKind.Created), result.Count(r => r.Customer is not null && r.Match != CustomerMatchKind.Created), result.Count(r => r.Error is not null));
        return result;
    }

    public async Task<IReadOnlyList<AccountingWriteResult>> UpsertInvoicesAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        var api = newApi();
        var profile = await ProfileAsync(api, cancellationToken).ConfigureAwait(false);
        var writer = new QuickBooksInvoiceWriter(api, options, new QuickBooksItemResolver(api, options, _itemIds), new QuickBooksTaxCodes(profile, options));
        var result = await writer.UpsertAsync(drafts, cancellationToken).ConfigureAwait(false);
        if (writer.SawTaxFault)
        {
            _profile = null;
        }

        QuickBooksLog.DocumentsWritten(logger, options.RealmId, result.Count(r => r.Succeeded && r.Created), result.Count(r => r.Succeeded && !r.Created), result.Count(r => !r.Succeeded));
        return result;
    }

    /// <summary>The company's country, tax settings and tax codes, read once per <see cref="ProfileLifetime"/>.</summary>
    private async Task<QuickBooksCompanyProfile> ProfileAsync(QuickBooksApiClient api, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_profile is { } cached && now - cached.ReadAt < ProfileLifetime)
        {
            return cached.Profile;
        }

        var profile = await QuickBooksCompanyProfile.ReadAsync(api, cancellationToken).ConfigureAwait(false);
        QuickBooksLog.CompanyProfileRead(logger, options.RealmId, profile.CountryText, Flag(profile.UsingSalesTax), Flag(profile.PartnerTaxEnabled), profile.TaxCodes.Count);
        _profile = new CachedProfile(profile, now);
        return profile;
    }

    private static string Flag(bool? value) => value switch { true => "on", false => "off", null => "not stated" };

    public async Task<IReadOnlyList<AccountingInvoiceRef>> FindInvoicesByNumberAsync(IReadOnlyList<string> numbers, DocumentKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count == 0)
        {
            return [];
        }

        var api = newApi();
        var found = await new QuickBooksInvoiceWriter(api, options, new QuickBooksItemResolver(api, options, _itemIds)).FindByNumberAsync(numbers, kind, cancellationToken).ConfigureAwait(false);
        // Recovery adopts only documents WiseSync wrote (its marker in PrivateNote), never a bookkeeper's with the number.
        return found.Where(t => DocumentMarker.Read(t.PrivateNote) is not null).Select(t => QuickBooksDocuments.ToRef(options, kind, t)).ToList();
    }

    public async Task<PaymentStatusResult> GetPaymentStatusAsync(PaymentStatusQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AccountingInvoiceIds.Count == 0)
        {
            return new PaymentStatusResult([], query.Watermark);
        }

        var result = await new QuickBooksPaymentStatusReader(newApi(), options).ReadAsync(query, cancellationToken).ConfigureAwait(false);
        QuickBooksLog.PaymentStatusRead(logger, options.RealmId, result.Invoices.Count, result.Invoices.Count(i => i.IsFullyPaid));
        return result;
    }

    public Task<Uri?> GetInvoiceLinkAsync(string accountingInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountingInvoiceId);
        return Task.FromResult<Uri?>(QuickBooksDocuments.Link(options, DocumentKind.Invoice, accountingInvoiceId));
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var info = await newApi().GetCompanyInfoAsync(cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"QuickBooks company '{info?.CompanyName ?? "?"}' (realm {options.RealmId})");
        }
        catch (QuickBooksFaultException ex)
        {
            // A Fault in a 200 answer is QBO refusing the request, not QBO being away.
            return new ConnectionTestResult(false, ex.Message) { IsTransient = TransientFaults.IsTransientStatus((HttpStatusCode)ex.StatusCode) };
        }
        catch (Exception ex) when (TransientFaults.IsCallFailure(ex, cancellationToken))
        {
            return TransientFaults.FailedConnection(ex is WiseSyncException ? ex.Message : $"QuickBooks cannot be reached: {ex.Message}", ex, cancellationToken);
        }
    }

    private sealed record CachedProfile(QuickBooksCompanyProfile Profile, DateTimeOffset ReadAt);
}
