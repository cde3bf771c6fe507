using System.Text.Json.Serialization;

namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>ContactModel</c> (the fields the provider reads).</summary>
internal sealed record AtContact
{
    public long Id { get; init; }

    public int? CompanyID { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? EmailAddress { get; init; }

    /// <summary>0/1, an integer, not a boolean (reference/psa-apis.md §1.7); a boolean is read as 1/0.</summary>
    [JsonConverter(typeof(AutotaskIntegerFlagConverter))]
    public int? IsActive { get; init; }

    public bool? PrimaryContact { get; init; }

    public bool? BillingContact { get; init; }
}
