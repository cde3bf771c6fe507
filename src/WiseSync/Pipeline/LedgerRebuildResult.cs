namespace WiseSync;

/// <summary>What <see cref="SyncPipeline.RebuildLedgerAsync"/> found and wrote.</summary>
/// <param name="Report">
/// The rebuilt batch: one result per invoice found in accounting or marked synced in the PSA (invoices neither posted nor
/// marked are simply still pending and not listed). Green: mapped and marked; amber: something for a person to look at.
/// </param>
/// <param name="Listed">PSA invoices read, synced or not.</param>
/// <param name="InvoicesMapped">Invoice mappings written.</param>
/// <param name="CustomersMapped">Customer mappings written.</param>
public sealed record LedgerRebuildResult(SyncReport Report, int Listed, int InvoicesMapped, int CustomersMapped);
