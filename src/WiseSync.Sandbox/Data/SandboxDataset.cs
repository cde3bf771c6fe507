namespace WiseSync.Sandbox.Data;

/// <summary>
/// Vendor-neutral PSA data: each PSA emulator presents it in its own shapes.
/// Its JSON form is the seed document (see README).
/// </summary>
internal sealed record SandboxDataset
{
    public DateOnly ReferenceDate { get; init; } = new(2026, 11, 20);
    public IReadOnlyList<SandboxCompany> Companies { get; init; } = [];
    public IReadOnlyList<SandboxContact> Contacts { get; init; } = [];
    public IReadOnlyList<SandboxInvoice> Invoices { get; init; } = [];
    public IReadOnlyList<SandboxPaymentTerm> PaymentTerms { get; init; } = [];
    public IReadOnlyList<SandboxDivision> Divisions { get; init; } = [];
    public IReadOnlyList<SandboxTaxRate> TaxRates { get; init; } = [];

    /// <summary>Scenario markers the emulators interpret (e.g. an accounting-side duplicate); empty by default.</summary>
    public IReadOnlyList<SandboxProblem> Problems { get; init; } = [];
}

internal sealed record SandboxCompany
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string AccountNumber { get; init; } = "";
    public bool Active { get; init; } = true;
    public string? Phone { get; init; }
    public string? Address1 { get; init; }
    public string? Address2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public int PaymentTermId { get; init; }
    public int TaxRateId { get; init; }
}

internal sealed record SandboxContact
{
    public int Id { get; init; }
    public int CompanyId { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Email { get; init; } = "";
    public bool IsPrimary { get; init; }
    public bool Active { get; init; } = true;
}

internal enum SandboxLineKind
{
    Service,
    Product,
    Expense,
}

internal sealed record SandboxInvoiceLine
{
    public int Id { get; init; }
    public SandboxLineKind Kind { get; init; }
    public string Description { get; init; } = "";
    public string? ItemCode { get; init; }
    public decimal Quantity { get; init; }
    public decimal UnitPrice { get; init; }

    /// <summary>Quantity × unit price, rounded to cents.</summary>
    public decimal Amount { get; init; }
    public bool Billable { get; init; } = true;
    public bool Taxable { get; init; }
    public decimal Tax { get; init; }
    public DateOnly? Date { get; init; }
}

/// <summary>An invoice recipient: a contact of some company (<see cref="ContactId"/>) or an ad-hoc address.</summary>
internal sealed record SandboxRecipient
{
    public int? ContactId { get; init; }
    public string Email { get; init; } = "";
}

internal sealed record SandboxInvoice
{
    public int Id { get; init; }
    public string Number { get; init; } = "";
    public int CompanyId { get; init; }
    public DateOnly Date { get; init; }
    public DateOnly? DueDate { get; init; }
    public int PaymentTermId { get; init; }
    public int? DivisionId { get; init; }
    public int TaxRateId { get; init; }
    public string Currency { get; init; } = "USD";
    public string? PurchaseOrderNumber { get; init; }
    public string? Comments { get; init; }

    /// <summary>Sum of the billable lines' amounts.</summary>
    public decimal Subtotal { get; init; }

    /// <summary>Sum of the billable lines' tax.</summary>
    public decimal Tax { get; init; }

    /// <summary>Subtotal + tax (a problem invoice may break this on purpose).</summary>
    public decimal Total { get; init; }
    public IReadOnlyList<SandboxInvoiceLine> Lines { get; init; } = [];

    /// <summary>Recipients in the PSA's order.</summary>
    public IReadOnlyList<SandboxRecipient> Recipients { get; init; } = [];
}

internal sealed record SandboxPaymentTerm
{
    public int Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Days to add: to the invoice date, or to the end of its month when <see cref="AfterEndOfMonth"/>.</summary>
    public int Days { get; init; }
    public bool AfterEndOfMonth { get; init; }

    public DateOnly DueDate(DateOnly invoiceDate) => AfterEndOfMonth
        ? new DateOnly(invoiceDate.Year, invoiceDate.Month, DateTime.DaysInMonth(invoiceDate.Year, invoiceDate.Month)).AddDays(Days)
        : invoiceDate.AddDays(Days);
}

/// <summary>A division / line of business (Autotask organizational level, ConnectWise business unit).</summary>
internal sealed record SandboxDivision
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}

internal sealed record SandboxTaxRate
{
    public int Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Rate as a fraction (0.0825 = 8.25 %).</summary>
    public decimal Rate { get; init; }
}

/// <summary>A scenario marker: <see cref="Kind"/> names it, the emulator of <see cref="Vendor"/> (or all) interprets it.</summary>
internal sealed record SandboxProblem
{
    public string Kind { get; init; } = "";
    public string? Vendor { get; init; }
    public int? InvoiceId { get; init; }
    public int? CompanyId { get; init; }
    public string? Note { get; init; }
    public System.Text.Json.JsonElement? Data { get; init; }
}
