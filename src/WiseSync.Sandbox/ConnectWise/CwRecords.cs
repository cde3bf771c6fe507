namespace WiseSync.Sandbox.ConnectWise;

// The emulator's own records, written from the ConnectWise docs/specs (never from the client's DTOs).

/// <summary>One invoice line as ConnectWise holds its source record (product, time or expense).</summary>
internal sealed record CwLineRecord(
    string Description,
    decimal Quantity,
    decimal Price,
    decimal Amount,
    bool Taxable,
    string? ItemIdentifier,
    string? GlAccount,
    string Kind,
    DateOnly Date);

/// <summary>One payment applied to an invoice.</summary>
internal sealed record CwPaymentRecord(int Id, string Type, decimal Amount, DateTimeOffset PaymentDate);

/// <summary>An invoice (Billing_Log) with its posting state.</summary>
internal sealed class CwInvoiceRecord
{
    public required int Id { get; init; }
    public required string Number { get; init; }
    public string Type { get; init; } = "Standard";
    public required int CompanyId { get; init; }
    public int? BillToCompanyId { get; init; }
    public required DateOnly Date { get; init; }
    public DateOnly? DueDate { get; init; }
    public int TermsId { get; init; }
    public string TermsName { get; init; } = "Net 30 Days";
    public int? DueDays { get; init; }
    public string Currency { get; init; } = "USD";
    public int LocationId { get; init; } = 1;
    public string LocationName { get; init; } = "Main";
    public int DepartmentId { get; init; } = 1;
    public string DepartmentName { get; init; } = "Services";
    public bool IsClosed { get; set; } = true;
    public string? CustomerPO { get; init; }
    public required IReadOnlyList<CwLineRecord> Lines { get; init; }
    public decimal SalesTax { get; init; }
    public List<CwPaymentRecord> Payments { get; } = [];
    public int? BatchId { get; set; }
    public DateTimeOffset LastUpdated { get; set; }

    public required decimal Subtotal { get; init; }

    public required decimal Total { get; init; }

    public decimal PaymentsTotal => Payments.Sum(p => p.Amount);

    public decimal Balance => Total - PaymentsTotal;

    /// <summary>
    /// ConnectWise creates GL entries when an invoice is saved in a closed status, from the GL account mappings; with a
    /// mapping missing it creates none and the invoice stays unposted for ever (reference/psa-apis.md §2.4).
    /// </summary>
    public bool HasGlEntries => IsClosed && Lines.All(l => !string.IsNullOrEmpty(l.GlAccount));

    /// <summary>GL entry RecIDs: one accounts-receivable entry, one per line, one for tax when there is tax.</summary>
    public IReadOnlyList<int> GlEntryIds
    {
        get
        {
            if (!HasGlEntries)
            {
                return [];
            }

            var ids = new List<int> { Id * 1000 };
            ids.AddRange(Enumerable.Range(1, Lines.Count).Select(k => (Id * 1000) + k));
            if (SalesTax != 0m)
            {
                ids.Add((Id * 1000) + 999);
            }

            return ids;
        }
    }
}

/// <summary>A company with its billing settings.</summary>
internal sealed record CwCompanyRecord(
    int Id,
    string Identifier,
    string Name,
    string? AccountNumber,
    int? DefaultContactId,
    int? BillingContactId,
    string? InvoiceToEmailAddress,
    string? InvoiceCCEmailAddress);

/// <summary>A contact of a company.</summary>
internal sealed record CwContactRecord(
    int Id,
    int CompanyId,
    string FirstName,
    string LastName,
    string? Email,
    bool InactiveFlag,
    bool DefaultFlag,
    bool DefaultBillingFlag);

/// <summary>An accounting (GL) batch: the GL entries it holds are "posted".</summary>
internal sealed record CwBatchRecord(int Id, string BatchIdentifier, bool ExportInvoicesFlag, bool ExportExpensesFlag, bool ExportProductsFlag, IReadOnlyList<int> EntryIds);
