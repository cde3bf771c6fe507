using Microsoft.Extensions.Logging;
using NodaTime.Text;
using WiseSync.Xero.Api;

namespace WiseSync.Xero.Invoices;

/// <summary>
/// Creates or updates a chunk of drafts: new ones with PUT (create only), mapped ones with POST and their id, both
/// with summarizeErrors=false, unitdp=4 and an Idempotency-Key made of the drafts' own keys. "must be unique" means
/// the number exists: the document holding it is updated only when it is provably this PSA invoice's (see
/// <see cref="IsThisInvoices"/>), unless a payment or credit is allocated (reference §1.6); any other holder — a
/// bookkeeper's own invoice, another tool's — is left unchanged and the draft is red.
/// </summary>
internal sealed class XeroDocumentWriter(XeroApi api, XeroInvoiceKind invoices, XeroCreditNoteKind creditNotes, ILogger logger)
{
    public const int BatchSize = XeroLimits.ElementsPerCall;
    public const int MaxNumberLength = 255;
    private const string NotUnique = "must be unique";
    private const string Allocated = "payment or credit note allocated";

    public async Task<IReadOnlyList<AccountingWriteResult>> UpsertAsync(IReadOnlyList<AccountingInvoiceDraft> drafts, CancellationToken cancellationToken)
    {
        var organisation = await api.GetOrganisationAsync(cancellationToken).ConfigureAwait(false);
        var results = new AccountingWriteResult?[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            if (Refusal(drafts[i], organisation) is { } refusal)
            {
                results[i] = new AccountingWriteResult(drafts[i].PsaInvoiceId, null, false, [], refusal);
            }
        }

        foreach (var kind in new IXeroDocumentKind[] { invoices, creditNotes })
        {
            var mine = Enumerable.Range(0, drafts.Count).Where(i => results[i] is null && drafts[i].Kind == kind.Kind).ToList();
            foreach (var chunk in mine.Chunk(BatchSize))
            {
                await WriteChunkAsync(kind, drafts, chunk, results, organisation, cancellationToken).ConfigureAwait(false);
            }
        }

        var written = results.Select((r, i) => r ?? new AccountingWriteResult(drafts[i].PsaInvoiceId, null, false, [], "Xero gave no answer for this document.")).ToList();
        foreach (var failed in written.Where(r => r.Error is not null))
        {
            XeroLog.DocumentFailed(logger, failed.PsaInvoiceId, failed.Error!);
        }

        XeroLog.DocumentsWritten(logger, written.Count(r => r.Error is null), written.Count(r => r.Error is not null));
        return written;
    }

    /// <summary>Why Xero would refuse the draft before it is sent, or null.</summary>
    private static string? Refusal(AccountingInvoiceDraft draft, XeroOrganisationInfo organisation)
    {
        if (organisation.LockDate is { } lockDate && draft.Date <= lockDate)
        {
            return $"The {Noun(draft)} date {LocalDatePattern.Iso.Format(draft.Date)} is inside Xero's {organisation.LockName} ({LocalDatePattern.Iso.Format(lockDate)}): "
                + "Xero refuses documents dated on or before it. Change the date or ask the Xero adviser to move the lock date.";
        }

        if (draft.Number.Length > MaxNumberLength)
        {
            return $"The number '{draft.Number[..20]}…' is longer than Xero's {MaxNumberLength} characters.";
        }

        return null;
    }

    private async Task WriteChunkAsync(IXeroDocumentKind kind, IReadOnlyList<AccountingInvoiceDraft> drafts, int[] chunk, AccountingWriteResult?[] results, XeroOrganisationInfo organisation, CancellationToken cancellationToken)
    {
        var creates = chunk.Where(i => string.IsNullOrEmpty(drafts[i].ExistingAccountingId)).ToList();
        var updates = chunk.Where(i => !string.IsNullOrEmpty(drafts[i].ExistingAccountingId))
            .Select(i => (Index: i, Id: drafts[i].ExistingAccountingId!)).ToList();
        var taken = new List<int>();
        var allocated = new List<(int Index, string Id)>();

        if (creates.Count > 0)
        {
            var answers = await SendAsync(kind, createOnly: true, drafts, creates.Select(i => (i, (string?)null)).ToList(), cancellationToken).ConfigureAwait(false);
            for (var n = 0; n < creates.Count; n++)
            {
                var index = creates[n];
                var answer = answers[n];
                if (answer.Errors.Count > 0 && answer.Errors.Any(e => e.Contains(NotUnique, StringComparison.OrdinalIgnoreCase)))
                {
                    taken.Add(index);
                }
                else
                {
                    results[index] = Result(drafts[index], answer, created: true, organisation);
                }
            }
        }

        var adopted = new HashSet<int>();
        if (taken.Count > 0)
        {
            // The number exists in Xero and the ledger maps no document to this PSA invoice. Only a document Xero says this
            // app created, for this contact, with this exact number (and, for invoices, the link WiseSync writes) is ours:
            // an earlier run's whose mapping was lost. Anything else is somebody's own document: never touched.
            var numbers = taken.Select(t => drafts[t].Number).Distinct(StringComparer.Ordinal).ToList();
            var ours = await kind.FindCreatedByThisAppAsync(numbers, cancellationToken).ConfigureAwait(false);
            foreach (var index in taken)
            {
                var draft = drafts[index];
                var existing = ours?.FirstOrDefault(f => IsThisInvoices(f, draft));
                if (existing is null)
                {
                    results[index] = new AccountingWriteResult(draft.PsaInvoiceId, null, false, [], NumberTaken(draft, ours));
                }
                else if (existing.HasAllocations || existing.Status == "PAID")
                {
                    results[index] = NotEdited(draft, existing, organisation);
                }
                else
                {
                    updates.Add((index, existing.Id!));
                    adopted.Add(index);
                }
            }
        }

        if (updates.Count > 0)
        {
            var answers = await SendAsync(kind, createOnly: false, drafts, updates.Select(u => (u.Index, (string?)u.Id)).ToList(), cancellationToken).ConfigureAwait(false);
            for (var n = 0; n < updates.Count; n++)
            {
                var (index, id) = updates[n];
                var answer = answers[n];
                if (answer.Errors.Any(e => e.Contains(Allocated, StringComparison.OrdinalIgnoreCase)))
                {
                    allocated.Add((index, id));
                }
                else
                {
                    var result = Result(drafts[index], answer, created: false, organisation);
                    results[index] = adopted.Contains(index) && result.Succeeded
                        ? result with { Warnings = [.. result.Warnings, $"Xero already held {Noun(drafts[index])} {drafts[index].Number}, written by WiseSync for this contact; the ledger had no record of it, so it was updated."] }
                        : result;
                }
            }
        }

        if (allocated.Count > 0)
        {
            var current = await kind.FindByIdsAsync(allocated.Select(a => a.Id).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var (index, id) in allocated)
            {
                var existing = current.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
                    ?? new XeroDocumentAnswer(id, drafts[index].Number, string.Empty, 0m, 0m, 0m, null, [], []);
                results[index] = NotEdited(drafts[index], existing, organisation);
            }
        }
    }

    /// <summary>
    /// Whether a document found by number is provably the one WiseSync wrote for this draft: created by this app (the
    /// caller found it with createdByMyApp), saved and not voided or deleted, the same number exactly (a number differing
    /// only in case belongs to another PSA invoice), the same contact, and for invoices the same source link (Url).
    /// </summary>
    private static bool IsThisInvoices(XeroDocumentAnswer document, AccountingInvoiceDraft draft) =>
        XeroElementStatus.IsRealId(document.Id)
        && document.Status is not ("DELETED" or "VOIDED")
        && string.Equals(document.Number, draft.Number, StringComparison.Ordinal)
        && string.Equals(document.ContactId, draft.CustomerId, StringComparison.OrdinalIgnoreCase)
        && (draft.Kind != DocumentKind.Invoice || string.Equals(NullIfEmpty(document.Url), XeroDraftMapper.SourceLink(draft), StringComparison.Ordinal));

    /// <summary>The red light of a draft whose number another document holds, saying whose it is as far as Xero tells.</summary>
    private static string NumberTaken(AccountingInvoiceDraft draft, IReadOnlyList<XeroDocumentAnswer>? ours)
    {
        var same = ours?.Where(f => string.Equals(f.Number, draft.Number, StringComparison.Ordinal)).ToList() ?? [];
        var whose = ours is null
            ? "Xero records no creating app for credit notes, so WiseSync updates only the one its ledger maps to this PSA invoice"
            : same.Count == 0
                ? $"an {Noun(draft)} WiseSync did not write: typed in Xero or written by another app"
                : same.Exists(f => f.Status is "DELETED" or "VOIDED")
                    ? $"an {Noun(draft)} WiseSync wrote that is now {same.First(f => f.Status is "DELETED" or "VOIDED").Status}"
                    : same.Exists(f => !string.Equals(f.ContactId, draft.CustomerId, StringComparison.OrdinalIgnoreCase))
                        ? $"an {Noun(draft)} WiseSync wrote for another contact"
                        : $"an {Noun(draft)} WiseSync wrote for another PSA invoice (its link differs)";
        return $"The number {draft.Number} is already used by another Xero document ({whose}); it was left unchanged. Give one of them another number.";
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static async Task<IReadOnlyList<XeroDocumentAnswer>> SendAsync(IXeroDocumentKind kind, bool createOnly, IReadOnlyList<AccountingInvoiceDraft> drafts, List<(int Index, string? Id)> items, CancellationToken cancellationToken)
    {
        var chosen = items.Select(i => drafts[i.Index]).ToList();
        var route = (createOnly ? "PUT " : "POST ") + kind.Path;

        // One key per request from the drafts' own keys (invoice id + revision): a retry or a re-run of the
        // same chunk repeats the key, so Xero replays its first answer instead of writing twice.
        var key = XeroIdempotencyKeys.For(route, items.Select(i => drafts[i.Index].IdempotencyKey + "|" + i.Id));
        return await kind.WriteAsync(createOnly, chosen, items.Select(i => i.Id).ToList(), key, cancellationToken).ConfigureAwait(false);
    }

    private static AccountingWriteResult Result(AccountingInvoiceDraft draft, XeroDocumentAnswer answer, bool created, XeroOrganisationInfo organisation)
    {
        // Judged by the element's flags and id, never by the absence of a message: an unsaved document mapped as
        // created would mark the PSA invoice synced with nothing in Xero.
        if (!answer.Saved)
        {
            return new AccountingWriteResult(draft.PsaInvoiceId, null, false, answer.Warnings, string.Join("; ", answer.Errors.DefaultIfEmpty("Xero did not return the document.")));
        }

        return new AccountingWriteResult(draft.PsaInvoiceId, Ref(draft.Kind, answer, organisation), created, answer.Warnings);
    }

    private static AccountingWriteResult NotEdited(AccountingInvoiceDraft draft, XeroDocumentAnswer existing, XeroOrganisationInfo organisation) =>
        new(
            draft.PsaInvoiceId,
            Ref(draft.Kind, existing, organisation),
            false,
            [$"The Xero {Noun(draft)} {existing.Number} has a payment or credit allocated, so Xero does not allow it to be edited; it was left as it is."]);

    public static AccountingInvoiceRef Ref(DocumentKind kind, XeroDocumentAnswer answer, XeroOrganisationInfo organisation) =>
        new(answer.Id!, answer.Number ?? string.Empty, answer.Status, answer.AmountDue, answer.AmountPaid)
        {
            WebLink = XeroDeepLinks.Invoice(organisation.ShortCode, answer.Id!),
            FullyPaidOn = XeroDateFormat.ParseDate(answer.FullyPaidOnDate),
            Kind = kind,
        };

    private static string Noun(AccountingInvoiceDraft draft) => draft.Kind == DocumentKind.CreditNote ? "credit note" : "invoice";
}
