namespace WiseSync.Sandbox.Autotask;

/// <summary>The emulated Autotask database: entities, per-company invoice settings, invoice markup and test switches.</summary>
internal sealed class AutotaskStore
{
    private static readonly HashSet<string> InvoiceWritable = new(StringComparer.OrdinalIgnoreCase) { "invoiceNumber", "webServiceDate", "paidDate" };
    private static readonly HashSet<string> BillingItemWritable = new(StringComparer.OrdinalIgnoreCase) { "webServiceDate" };

    private readonly Dictionary<string, AutotaskEntity> _entities = new(StringComparer.OrdinalIgnoreCase);

    public AutotaskStore()
    {
        Invoices = Register(new AutotaskEntity("Invoices", AutotaskEntityFields.Invoices, InvoiceWritable));
        BillingItems = Register(new AutotaskEntity("BillingItems", AutotaskEntityFields.BillingItems, BillingItemWritable));
        Companies = Register(new AutotaskEntity("Companies", AutotaskEntityFields.Companies));
        Contacts = Register(new AutotaskEntity("Contacts", AutotaskEntityFields.Contacts));
        PaymentTerms = Register(new AutotaskEntity("PaymentTerms", AutotaskEntityFields.PaymentTerms));
        BillingCodes = Register(new AutotaskEntity("BillingCodes", AutotaskEntityFields.BillingCodes));
        TaxCategories = Register(new AutotaskEntity("TaxCategories", AutotaskEntityFields.TaxCategories));
        OrganizationalLevel1s = Register(new AutotaskEntity("OrganizationalLevel1s", AutotaskEntityFields.OrganizationalLevels));
        OrganizationalLevel2s = Register(new AutotaskEntity("OrganizationalLevel2s", AutotaskEntityFields.OrganizationalLevels));
        OrganizationalLevelAssociations = Register(new AutotaskEntity("OrganizationalLevelAssociations", AutotaskEntityFields.OrganizationalLevelAssociations));
    }

    public AutotaskEntity Invoices { get; }

    public AutotaskEntity BillingItems { get; }

    public AutotaskEntity Companies { get; }

    public AutotaskEntity Contacts { get; }

    public AutotaskEntity PaymentTerms { get; }

    public AutotaskEntity BillingCodes { get; }

    public AutotaskEntity TaxCategories { get; }

    public AutotaskEntity OrganizationalLevel1s { get; }

    public AutotaskEntity OrganizationalLevel2s { get; }

    public AutotaskEntity OrganizationalLevelAssociations { get; }

    /// <summary><c>Companies/{id}/invoiceSettings</c>, keyed by company id (reference/psa-apis.md §1.7).</summary>
    public Dictionary<long, JsonObject> InvoiceSettings { get; } = [];

    /// <summary>Markup text that replaces the generated invoice XML for an invoice (problem cases from a seed).</summary>
    public Dictionary<long, string> MarkupOverrides { get; } = [];

    /// <summary>
    /// Invoices whose writes fail as Autotask's do under a table lock: HTTP 500 with this message in <c>errors</c>
    /// (reference/psa-apis.md §1.3, "requests can fail from table locking").
    /// </summary>
    public Dictionary<long, string> WriteFailures { get; } = [];

    public AutotaskEntity? Entity(string name) => _entities.GetValueOrDefault(name);

    public IEnumerable<AutotaskEntity> Entities => _entities.Values;

    private AutotaskEntity Register(AutotaskEntity entity)
    {
        _entities[entity.Name] = entity;
        return entity;
    }
}
