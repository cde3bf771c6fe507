namespace WiseSync.Sandbox.Data;

/// <summary>
/// The body of <c>POST /_sandbox/seed</c>: the dataset's JSON form, optionally on top of generated data.
/// With <see cref="Generate"/> the listed items replace generated ones with the same id or are added;
/// without it the listed items are the whole dataset.
/// </summary>
internal sealed record SeedDocument
{
    public SeedGenerate? Generate { get; init; }
    public DateOnly? ReferenceDate { get; init; }
    public IReadOnlyList<SandboxCompany>? Companies { get; init; }
    public IReadOnlyList<SandboxContact>? Contacts { get; init; }
    public IReadOnlyList<SandboxInvoice>? Invoices { get; init; }
    public IReadOnlyList<SandboxPaymentTerm>? PaymentTerms { get; init; }
    public IReadOnlyList<SandboxDivision>? Divisions { get; init; }
    public IReadOnlyList<SandboxTaxRate>? TaxRates { get; init; }
    public IReadOnlyList<SandboxProblem>? Problems { get; init; }
}

/// <summary>Generator settings inside a seed document; missing fields take the server's options.</summary>
internal sealed record SeedGenerate
{
    public int? Seed { get; init; }
    public int? Companies { get; init; }
    public int? Invoices { get; init; }
}
