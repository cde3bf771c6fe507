namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>CompanyModel</c> (the fields the provider reads).</summary>
internal sealed record AtCompany(long Id, string? CompanyName, string? CompanyNumber, int? CurrencyID, bool? IsActive);
