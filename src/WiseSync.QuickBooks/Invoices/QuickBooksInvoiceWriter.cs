using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>
/// Creates or updates a chunk of drafts through /batch: one call for ≤ 30 documents, per-item Faults mapped to their
/// draft, stale SyncTokens (5010) re-read and retried once, a number that already exists looked up and updated. A draft
/// whose lines cannot get the tax code the company needs is refused before anything is sent.
/// </summary>
internal sealed class QuickBooksInvoiceWriter(QuickBooksApiClient api, QuickBooksOptions options, QuickBooksItemResolver items, QuickBooksTaxCodes? tax = null)
{
    /// <summary>True when QuickBooks refused a document for its tax codes, so the company's tax settings are worth reading again.</summary>
    public bool SawTaxFault { get; private set; }

    public async Task<IReadOnlyList<AccountingWriteResult>> UpsertAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken)
    {
        if (drafts.Count > BatchRunner.MaxItems)
        {
            throw new ArgumentException($"QuickBooks takes at most {BatchRunner.MaxItems} documents per call; {drafts.Count} were given.", nameof(drafts));
        }

        var codes = drafts.SelectMany(d => d.Lines).Select(l => l.ItemCode).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!);
        var (itemIds, itemWarnings) = await items.ResolveAsync(codes, cancellationToken).ConfigureAwait(false);

        var work = drafts.Select((d, i) => new Work(i, d)).ToList();
        var taxCodes = tax ?? QuickBooksTaxCodes.UnitedStates(options);
        foreach (var w in work)
        {
            w.Body = QuickBooksInvoiceMapper.Map(w.Draft, options, taxCodes, itemIds, itemWarnings, w.Warnings, out var refused);
            if (refused is not null)
            {
                w.Fail(refused);
            }
        }

        // Documents the ledger already maps are updated, never created again: read their SyncToken first.
        var mapped = work.Where(w => w.Pending && w.Draft.ExistingAccountingId is not null).ToList();
        var current = await ReadByIdAsync(mapped.Select(w => (w.Draft.Kind, w.Draft.ExistingAccountingId!)).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var w in mapped)
        {
            if (current.TryGetValue((w.Draft.Kind, w.Draft.ExistingAccountingId!), out var existing))
            {
                w.Target(existing);
            }
            else
            {
                w.Warnings.Add($"The QuickBooks document {w.Draft.ExistingAccountingId} no longer exists; a new one was created.");
            }
        }

        await SendAsync(work.Where(w => w.Pending).ToList(), "documents", cancellationToken).ConfigureAwait(false);

        // One more round for stale tokens and numbers that already exist.
        var stale = work.Where(w => w.Stale).ToList();
        var fresh = await ReadByIdAsync(stale.Select(w => (w.Draft.Kind, w.Existing!.Id!)).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var w in stale)
        {
            if (fresh.TryGetValue((w.Draft.Kind, w.Existing!.Id!), out var again))
            {
                w.Target(again);
            }
            else
            {
                w.Fail("The document changed in QuickBooks while it was being updated and could not be read again.");
            }
        }

        var duplicates = work.Where(w => w.DuplicateNumber).ToList();
        foreach (var kind in duplicates.Select(w => w.Draft.Kind).Distinct())
        {
            var numbers = duplicates.Where(w => w.Draft.Kind == kind).Select(w => w.Body!.DocNumber!).ToList();
            var found = await FindByNumberAsync(numbers, kind, cancellationToken).ConfigureAwait(false);
            foreach (var w in duplicates.Where(w => w.Draft.Kind == kind))
            {
                var match = found.FirstOrDefault(f => string.Equals(f.DocNumber, w.Body!.DocNumber, StringComparison.OrdinalIgnoreCase));
                // Only a document provably this PSA invoice's is taken over: same customer and our marker naming it.
                // A bookkeeper's or another tool's document with the number is never changed.
                if (match is not null && match.CustomerRef?.Value == w.Draft.CustomerId && DocumentMarker.Names(match.PrivateNote, w.Draft.PsaInvoiceId))
                {
                    w.Warnings.Add($"QuickBooks already held {QuickBooksDocuments.Entity(kind)} {match.DocNumber}, written for this PSA invoice; it was updated.");
                    w.Target(match);
                }
                else
                {
                    w.Fail($"The number {w.Body!.DocNumber} is already used by another QuickBooks document" + (match is null ? "." : match.CustomerRef?.Value == w.Draft.CustomerId ? " that WiseSync did not write for this invoice; it was left unchanged." : " of a different customer; it was left unchanged."));
                }
            }
        }

        await SendAsync(work.Where(w => w.Pending).ToList(), "documents-retry", cancellationToken).ConfigureAwait(false);
        foreach (var w in work.Where(w => w.Pending || w.Stale || w.DuplicateNumber))
        {
            w.Fail("QuickBooks could not write the document after a retry.");
        }

        return work.Select(w => w.ToResult(options)).ToList();
    }

    public async Task<IReadOnlyList<QboTransaction>> FindByNumberAsync(IReadOnlyList<string> numbers, DocumentKind kind, CancellationToken cancellationToken)
    {
        var all = new List<QboTransaction>();
        foreach (var chunk in numbers.Select(DocNumbers.Fit).Distinct(StringComparer.OrdinalIgnoreCase).Chunk(200))
        {
            all.AddRange(await api.QueryAllAsync(QuickBooksDocuments.Entity(kind), ["DocNumber in " + QboQuery.InList(chunk)], q => QuickBooksDocuments.Of(kind, q), cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    private async Task<Dictionary<(DocumentKind, string), QboTransaction>> ReadByIdAsync(IReadOnlyList<(DocumentKind Kind, string Id)> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(DocumentKind, string), QboTransaction>();
        foreach (var group in ids.GroupBy(x => x.Kind))
        {
            foreach (var chunk in group.Select(x => x.Id).Distinct(StringComparer.Ordinal).Chunk(200))
            {
                var rows = await api.QueryAllAsync(QuickBooksDocuments.Entity(group.Key), ["Id in " + QboQuery.InList(chunk)], q => QuickBooksDocuments.Of(group.Key, q), cancellationToken).ConfigureAwait(false);
                foreach (var row in rows.Where(r => r.Id is not null))
                {
                    result[(group.Key, row.Id!)] = row;
                }
            }
        }

        return result;
    }

    private async Task SendAsync(IReadOnlyList<Work> pending, string purpose, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var requests = pending.Select(w => w.ToBatchItem()).ToList();
        var byBatchId = pending.ToDictionary(w => w.BatchId, StringComparer.Ordinal);
        var answers = await BatchRunner.RunAsync(api, purpose, requests, r => byBatchId[r.BatchId].Draft.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        foreach (var w in pending)
        {
            var answer = answers.GetValueOrDefault(w.BatchId);
            SawTaxFault |= QuickBooksFaults.IsAboutTax(answer?.Fault);
            w.Apply(answer, options);
        }
    }

    /// <summary>One draft on its way through the rounds.</summary>
    private sealed class Work(int index, AccountingInvoiceDraft draft)
    {
        private QboTransaction? _written;
        private string? _error;
        private int _attempts;

        public AccountingInvoiceDraft Draft { get; } = draft;

        public string BatchId { get; } = "d" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public List<string> Warnings { get; } = [];

        public QboTransaction? Body { get; set; }

        public QboTransaction? Existing { get; private set; }

        public bool Pending { get; private set; } = true;

        public bool Stale { get; private set; }

        public bool DuplicateNumber { get; private set; }

        public void Target(QboTransaction existing)
        {
            Existing = existing;
            Stale = DuplicateNumber = false;
            var total = existing.TotalAmt ?? 0m;
            if (existing.Balance is { } balance && balance != total)
            {
                // A document with payments applied is left as it is; changing it could unbalance the payment.
                Warnings.Add($"QuickBooks {QuickBooksDocuments.Entity(Draft.Kind)} {existing.DocNumber} already has payments applied; it was left unchanged.");
                _written = existing;
                Pending = false;
                return;
            }

            Pending = true;
        }

        public QboBatchItemRequest ToBatchItem()
        {
            _attempts++;
            var body = Existing is null
                ? Body!
                : Body! with { Id = Existing.Id, SyncToken = Existing.SyncToken, Sparse = true };
            return Draft.Kind == DocumentKind.CreditNote
                ? new QboBatchItemRequest { BatchId = BatchId, Operation = Existing is null ? "create" : "update", CreditMemo = body }
                : new QboBatchItemRequest { BatchId = BatchId, Operation = Existing is null ? "create" : "update", Invoice = body };
        }

        public void Apply(QboBatchItemResponse? answer, QuickBooksOptions options)
        {
            Pending = false;
            if (QuickBooksDocuments.Of(Draft.Kind, answer) is { } written)
            {
                _written = written;
                CheckTax(written, options);
                return;
            }

            var fault = answer?.Fault;
            if (_attempts < 2 && Existing is not null && QuickBooksFaults.HasCode(fault, QuickBooksFaults.StaleObject))
            {
                Stale = true;
            }
            else if (_attempts < 2 && Existing is null && QuickBooksFaults.IsDuplicateDocNumber(fault))
            {
                DuplicateNumber = true;
            }
            else
            {
                _error = answer is null ? "QuickBooks did not answer for this document." : QuickBooksFaults.Describe(fault);
            }
        }

        public void Fail(string error)
        {
            Pending = Stale = DuplicateNumber = false;
            _error ??= error;
        }

        public AccountingWriteResult ToResult(QuickBooksOptions options) =>
            _error is not null || _written is null
                ? new AccountingWriteResult(Draft.PsaInvoiceId, null, false, Warnings, _error ?? "QuickBooks did not write the document.")
                : new AccountingWriteResult(Draft.PsaInvoiceId, QuickBooksDocuments.ToRef(options, Draft.Kind, _written), Existing is null, Warnings);

        private void CheckTax(QboTransaction written, QuickBooksOptions options)
        {
            if (!options.AutomatedSalesTax)
            {
                return;
            }

            var qboTax = written.TxnTaxDetail?.TotalTax ?? 0m;
            if (Math.Abs(qboTax - Draft.TaxTotal) > options.TaxTolerance)
            {
                Warnings.Add($"QuickBooks' automated sales tax is {qboTax:0.00}, the PSA's tax was {Draft.TaxTotal:0.00} (difference {qboTax - Draft.TaxTotal:0.00}).");
            }
        }
    }
}
