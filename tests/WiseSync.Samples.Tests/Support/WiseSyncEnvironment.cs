namespace WiseSync.Samples.Tests.Support;

/// <summary>Tests that read or set <c>WISESYNC__</c> environment variables (process-wide) run one at a time in this collection.</summary>
internal static class WiseSyncEnvironment
{
    public const string Collection = "WISESYNC__ environment variables";
}
