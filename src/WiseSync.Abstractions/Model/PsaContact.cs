namespace WiseSync;

/// <summary>A contact person of a company in the PSA.</summary>
/// <param name="Id">The PSA contact id.</param>
/// <param name="CompanyId">The PSA company id the contact belongs to.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Primary email address, when set.</param>
/// <param name="IsPrimary">Whether the PSA flags this contact as the company's primary contact.</param>
/// <param name="IsActive">Whether the contact is active.</param>
public sealed record PsaContact(
    string Id,
    string CompanyId,
    string FirstName,
    string LastName,
    string? Email,
    bool IsPrimary,
    bool IsActive)
{
    /// <summary>The display name, "First Last".</summary>
    public string Name => $"{FirstName} {LastName}".Trim();
}
