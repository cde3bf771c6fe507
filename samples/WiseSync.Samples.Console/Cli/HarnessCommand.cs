namespace WiseSync.Samples.Console.Cli;

/// <summary>The harness's commands (CONTRACTS §2).</summary>
internal enum HarnessCommand
{
    Sync,
    Pending,
    History,
    DeleteBatch,
    ShowInvoice,
    Orphans,
    LedgerRebuild,
}
