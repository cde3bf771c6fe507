using NodaTime;

namespace WiseSync.Samples.Console.Cli;

/// <summary>What one invocation asks for, validated.</summary>
internal sealed record HarnessSettings
{
    public required HarnessCommand Command { get; init; }

    /// <summary><c>autotask</c> or <c>connectwise</c>.</summary>
    public string Psa { get; init; } = "autotask";

    /// <summary><c>xero</c> or <c>quickbooks</c>.</summary>
    public string Accounting { get; init; } = "xero";

    public SyncAction Action { get; init; } = SyncAction.PostToAccounting;

    /// <summary>The <c>--thru</c> date; null means today in the PSA's zone.</summary>
    public LocalDate? Thru { get; init; }

    /// <summary>The <c>--from</c> date: only invoices dated on or after it.</summary>
    public LocalDate? From { get; init; }

    /// <summary>The <c>--division</c>: only invoices of this division / line of business.</summary>
    public string? Division { get; init; }

    /// <summary><c>--include-synced</c>: also invoices already marked synced.</summary>
    public bool IncludeSynced { get; init; }

    public IReadOnlyList<string> InvoiceIds { get; init; } = [];

    public bool DryRun { get; init; }

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    /// <summary>The <c>--db</c> ledger file; null when not given (see <see cref="HarnessCommandLine.DefaultDatabase"/>).</summary>
    public string? Database { get; init; }

    public Uri? SandboxUrl { get; init; }

    public string? ConfigFile { get; init; }

    /// <summary>The embedded sandbox's time scale.</summary>
    public double TimeScale { get; init; } = HarnessCommandLine.DefaultTimeScale;

    /// <summary>The <c>delete-batch</c> argument.</summary>
    public string? BatchId { get; init; }

    /// <summary>The <c>show-invoice</c> argument.</summary>
    public string? PsaInvoiceId { get; init; }

    /// <summary>The <c>orphans --dismiss</c> ids.</summary>
    public IReadOnlyList<string> Dismiss { get; init; } = [];

    /// <summary><c>ledger rebuild --force</c>: set a readable ledger aside too.</summary>
    public bool Force { get; init; }

    /// <summary>How long the ledger waits for another program's lock (<c>--ledger-timeout</c>).</summary>
    public TimeSpan LedgerTimeout { get; init; } = TimeSpan.FromSeconds(HarnessCommandLine.DefaultLedgerTimeoutSeconds);

    /// <summary>Commands that write the ledger check it is writable before anything else.</summary>
    public bool WritesLedger => Command switch
    {
        HarnessCommand.Sync or HarnessCommand.DeleteBatch => true,
        HarnessCommand.Orphans => Dismiss.Count > 0,
        _ => false,
    };

    /// <summary>Neither <c>--sandbox-url</c> nor <c>--config</c>: the sandbox runs in this process.</summary>
    public bool EmbeddedSandbox => SandboxUrl is null && ConfigFile is null;

    /// <summary>
    /// The request of <c>sync</c> and <c>pending</c>: the search options go into the <see cref="SyncRequest"/>, so the PSA
    /// source filters where it reads the invoices.
    /// </summary>
    public SyncRequest ToRequest(SyncAction action, LocalDate thru) => new(action, thru)
    {
        FromDate = From,
        Division = Division,
        InvoiceIds = InvoiceIds.Count > 0 ? InvoiceIds : null,
        IncludeAlreadySynced = IncludeSynced,
        DryRun = DryRun,
    };

    /// <summary>The contract's name of the action (<c>post</c>, <c>mark-only</c>, <c>payments</c>).</summary>
    public static string ActionName(SyncAction action) => action switch
    {
        SyncAction.PostToAccounting => "post",
        SyncAction.MarkSyncedOnly => "mark-only",
        SyncAction.UpdatePaidDates => "payments",
        _ => action.ToString(),
    };
}
