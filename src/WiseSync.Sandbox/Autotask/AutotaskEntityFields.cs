namespace WiseSync.Sandbox.Autotask;

/// <summary>The fields of each emulated entity, in the order of the Autotask swagger models (spec excerpt in shared/specs/autotask).</summary>
internal static class AutotaskEntityFields
{
    // The tables are data: AutotaskEntityFields.json, each model's properties in swagger order (field name to wire type).
    private static readonly JsonElement Models = LoadModels();

    /// <summary><c>InvoiceModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> Invoices = Fields("Invoices");

    /// <summary><c>BillingItemModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> BillingItems = Fields("BillingItems");

    /// <summary><c>CompanyModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> Companies = Fields("Companies");

    /// <summary><c>ContactModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> Contacts = Fields("Contacts");

    /// <summary><c>PaymentTermModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> PaymentTerms = Fields("PaymentTerms");

    /// <summary><c>BillingCodeModel</c> (reference/psa-apis.md §1.6).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> BillingCodes = Fields("BillingCodes");

    /// <summary><c>TaxCategoryModel</c> (reference/psa-apis.md §1.6).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> TaxCategories = Fields("TaxCategories");

    /// <summary><c>OrganizationalLevel1Model</c> / <c>OrganizationalLevel2Model</c> (reference/psa-apis.md §1.8).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> OrganizationalLevels = Fields("OrganizationalLevels");

    /// <summary><c>OrganizationalLevelAssociationModel</c> (reference/psa-apis.md §1.8).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> OrganizationalLevelAssociations = Fields("OrganizationalLevelAssociations");

    /// <summary>Fields that are returned but cannot be filtered on (reference/psa-apis.md §1.5, §1.6).</summary>
    public static readonly IReadOnlySet<string> NotQueryable = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Invoices.dueDate", "Invoices.taxRegionID", "BillingItems.lineItemFullDescription", "BillingItems.lineItemGroupDescription",
    };

    private static JsonElement LoadModels()
    {
        using var stream = typeof(AutotaskEntityFields).Assembly.GetManifestResourceStream("WiseSync.Sandbox.Autotask.AutotaskEntityFields.json")
            ?? throw new InvalidOperationException("AutotaskEntityFields.json is not embedded");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }

    private static IReadOnlyList<(string Name, AutotaskFieldType Type)> Fields(string entity) =>
        Models.GetProperty(entity).EnumerateObject()
            .Select(field => (field.Name, Enum.Parse<AutotaskFieldType>(field.Value.GetString()!)))
            .ToArray();
}

/// <summary>The wire type of an Autotask field.</summary>
internal enum AutotaskFieldType
{
    Integer,
    Number,
    Boolean,
    DateTime,
    String,
    Other,
}
