namespace WiseSync;

/// <summary>What a PSA accepts in one write; the engine sizes its PSA calls and keys from it.</summary>
public sealed record PsaCapabilities
{
    /// <summary>The limits the engine assumes of a PSA that declares none: 50 invoices a write, keys of any length.</summary>
    public static PsaCapabilities Default { get; } = new();

    /// <summary>How many invoices one PSA write (mark synced, clear, paid) carries. Default: 50.</summary>
    public int MaxInvoicesPerMark { get; init; } = 50;

    /// <summary>The longest batch key the PSA keeps (see <see cref="IPsaSource.MarkSyncedAsync"/>); null when any length fits.</summary>
    public int? MaxBatchKeyLength { get; init; }
}
