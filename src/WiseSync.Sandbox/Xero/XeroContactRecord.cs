namespace WiseSync.Sandbox.Xero;

/// <summary>A contact as the emulated Xero organisation holds it (schemas.Contact).</summary>
internal sealed class XeroContactRecord
{
    public required Guid ContactID { get; init; }

    public required string Name { get; set; }

    public string? ContactNumber { get; set; }

    public string? AccountNumber { get; set; }

    public string ContactStatus { get; set; } = "ACTIVE";

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? EmailAddress { get; set; }

    public string? CompanyNumber { get; set; }

    public string? TaxNumber { get; set; }

    public List<XeroContactPersonRecord> ContactPersons { get; set; } = [];

    public Guid? MergedToContactID { get; set; }

    public bool IsCustomer { get; set; }

    public DateTimeOffset UpdatedDateUTC { get; set; }
}
