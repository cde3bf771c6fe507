namespace WiseSync.Sandbox.Xero;

/// <summary>An item of the price list (schemas.Item).</summary>
internal sealed class XeroItemRecord
{
    public required Guid ItemID { get; init; }

    public required string Code { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset UpdatedDateUTC { get; set; }
}
