namespace WiseSync.Sandbox.Autotask;

/// <summary>How the emulator writes datetimes: UTC with a Z; date-only fields at midnight (reference/psa-apis.md §1.3).</summary>
internal static class AutotaskDates
{
    public static string Stamp(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string DateOnly(DateTime value) => value.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture);

    public static string DateOnly(System.DateOnly value) => value.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture);
}
