namespace WiseSync.Sandbox.Xero;

/// <summary>The emulated organisation's settings (schemas.Organisation): short code for deep links, lock dates.</summary>
internal sealed class XeroOrganisationSettings
{
    public Guid OrganisationID { get; init; } = new("3f6d1c1e-5a8b-4c2e-9f0a-5ab0c0de0001");

    public string Name { get; set; } = "WiseSync Sandbox Ltd";

    public string ShortCode { get; set; } = "!sbx7Q";

    public string BaseCurrency { get; set; } = "USD";

    public string CountryCode { get; set; } = "US";

    public DateOnly? PeriodLockDate { get; set; }

    public DateOnly? EndOfYearLockDate { get; set; }

    /// <summary>The later of the two lock dates and whether it is the end-of-year one.</summary>
    public (DateOnly Date, bool EndOfYear)? EffectiveLock =>
        (PeriodLockDate, EndOfYearLockDate) switch
        {
            (null, null) => null,
            ({ } p, null) => (p, false),
            (null, { } e) => (e, true),
            ({ } p, { } e) => e >= p ? (e, true) : (p, false),
        };
}
