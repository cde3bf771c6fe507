namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>CompanyModel</c> (the fields the provider reads).</summary>
internal sealed record AtCompany
{
    public long Id { get; init; }

    public string? CompanyName { get; init; }

    public string? CompanyNumber { get; init; }

    public int? CurrencyID { get; init; }

    public bool? IsActive { get; init; }
}
