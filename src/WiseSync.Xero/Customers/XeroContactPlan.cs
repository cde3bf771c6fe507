using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Customers;

/// <summary>The working state of one PSA company while its Xero contact is resolved.</summary>
internal sealed class XeroContactPlan(CustomerRequest request)
{
    public CustomerRequest Request { get; } = request;

    public string CompanyId => Request.Company.Id;

    /// <summary>The name to create the contact with (disambiguated when another company owns the PSA name).</summary>
    public string Name { get; set; } = XeroContactNames.Cut(request.Company.Name.Trim());

    public XeroContactDto? Found { get; set; }

    public CustomerMatchKind Match { get; set; }

    public List<string> Warnings { get; } = [];

    public string? Error { get; set; }

    /// <summary>Restore an archived contact found by name or number.</summary>
    public bool Reactivate { get; set; }
}
