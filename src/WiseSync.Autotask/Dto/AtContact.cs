using System.Text.Json.Serialization;

namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>ContactModel</c> (the fields the provider reads).</summary>
internal sealed record AtContact(
    long Id,
    int? CompanyID,
    string? FirstName,
    string? LastName,
    string? EmailAddress,
    // IsActive is 0/1, an integer, not a boolean (reference/psa-apis.md §1.7); a boolean is read as 1/0.
    [property: JsonConverter(typeof(AutotaskIntegerFlagConverter))] int? IsActive,
    bool? PrimaryContact,
    bool? BillingContact);
