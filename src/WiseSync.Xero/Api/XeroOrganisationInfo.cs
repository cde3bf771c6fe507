using NodaTime;

namespace WiseSync.Xero.Api;

/// <summary>What the sink needs from /Organisation: the short code for deep links and the lock dates.</summary>
/// <param name="Name">The organisation's name.</param>
/// <param name="ShortCode">The short code of go.xero.com links.</param>
/// <param name="PeriodLockDate">The period lock date, when set.</param>
/// <param name="EndOfYearLockDate">The end-of-year lock date, when set.</param>
internal sealed record XeroOrganisationInfo(string Name, string? ShortCode, LocalDate? PeriodLockDate, LocalDate? EndOfYearLockDate)
{
    /// <summary>The later lock date: documents dated on or before it are refused (reference §1.6 Updating rules).</summary>
    public LocalDate? LockDate => (PeriodLockDate, EndOfYearLockDate) switch
    {
        (null, null) => null,
        ({ } p, null) => p,
        (null, { } e) => e,
        ({ } p, { } e) => LocalDate.Max(p, e),
    };

    /// <summary>Which lock the <see cref="LockDate"/> is, for messages.</summary>
    public string LockName => EndOfYearLockDate is { } e && e == LockDate ? "end-of-year lock date" : "period lock date";
}
