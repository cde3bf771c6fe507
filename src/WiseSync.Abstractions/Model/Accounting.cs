using NodaTime;

namespace WiseSync;

/// <summary>A customer (Xero contact / QuickBooks customer) in the accounting system.</summary>
/// <param name="Id">The accounting system's id.</param>
/// <param name="Name">The customer's name as stored in accounting.</param>
/// <param name="AccountNumber">The account number / contact number, when stored.</param>
public sealed record AccountingCustomer(string Id, string Name, string? AccountNumber = null)
{
    /// <summary>Whether the customer is archived / inactive in accounting.</summary>
    public bool IsArchived { get; init; }
}

/// <summary>A person to set on an accounting customer.</summary>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address.</param>
public sealed record AccountingContactPerson(string FirstName, string LastName, string Email);

/// <summary>
/// The contacts the contact-email policy chose for a customer (DESIGN §5). The sink writes exactly this, the same way
/// whether it creates the customer or updates it.
/// </summary>
/// <param name="Primary">
/// The PSA company's primary contact (active, with an email), set as the accounting primary whether or not the invoices
/// were sent to it; null leaves the accounting primary as it is.
/// </param>
/// <param name="Others">
/// The further recipient contacts in PSA order, without the primary, within the sink's person cap (a sink with no
/// person list gets them all for its email field); null leaves the accounting persons / email list exactly as they
/// are (no usable recipient, or handling <c>PrimaryOnly</c>).
/// </param>
/// <param name="Warnings">What was dropped and why.</param>
public sealed record ContactSelection(
    AccountingContactPerson? Primary,
    IReadOnlyList<AccountingContactPerson>? Others,
    IReadOnlyList<string> Warnings)
{
    /// <summary>A selection that changes nothing.</summary>
    public static ContactSelection Unchanged { get; } = new(null, null, []);

    /// <summary>True when the primary contact is among the invoice recipients.</summary>
    public bool PrimaryIsRecipient { get; init; }

    /// <summary>True when the selection sets no contact at all (contacts are left alone).</summary>
    public bool LeavesContactsAlone => Primary is null && Others is null;

    /// <summary>
    /// For a sink with one email field: the primary's address first, then the others', in order, no duplicates; null
    /// when the list is left as it is. Fitting it to the field's length is the sink's job (whole addresses only).
    /// </summary>
    public IReadOnlyList<string>? EmailAddresses => Others is null
        ? null
        : (Primary is null ? Others : Others.Prepend(Primary))
            .Select(p => p.Email.Trim())
            .Where(e => e.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}

/// <summary>Asks the sink for one PSA company's accounting customer.</summary>
/// <param name="Company">The PSA company.</param>
/// <param name="KnownCustomerId">The accounting id stored in the ledger mapping, if any.</param>
/// <param name="Contacts">Contacts to set on the customer.</param>
public sealed record CustomerRequest(PsaCompanyRef Company, string? KnownCustomerId, ContactSelection Contacts);

/// <summary>How a customer request was resolved.</summary>
public enum CustomerMatchKind
{
    /// <summary>No customer matched.</summary>
    None,

    /// <summary>Found by the stored accounting id (possibly following a merge).</summary>
    ById,

    /// <summary>Found by account number / contact number.</summary>
    ByAccountNumber,

    /// <summary>Found by exact name.</summary>
    ByName,

    /// <summary>Created now.</summary>
    Created,
}

/// <summary>The answer to one <see cref="CustomerRequest"/>.</summary>
/// <param name="PsaCompanyId">The PSA company id of the request.</param>
/// <param name="Customer">The customer found or created, null when none.</param>
/// <param name="Match">How it was found.</param>
/// <param name="Warnings">Warnings (e.g. disambiguated name, contacts dropped).</param>
/// <param name="Error">Why the customer could not be resolved, when it could not.</param>
public sealed record CustomerResolution(
    string PsaCompanyId,
    AccountingCustomer? Customer,
    CustomerMatchKind Match,
    IReadOnlyList<string> Warnings,
    string? Error = null);

/// <summary>One line of an accounting invoice draft.</summary>
/// <param name="Description">Line text (already cut to the sink's limits by the sink).</param>
/// <param name="Quantity">Quantity.</param>
/// <param name="UnitPrice">Unit price.</param>
/// <param name="Amount">Line amount.</param>
/// <param name="TaxAmount">Tax on the line as the PSA computed it.</param>
public sealed record AccountingLine(string Description, decimal Quantity, decimal UnitPrice, decimal Amount, decimal TaxAmount)
{
    /// <summary>Item code in accounting (within the sink's length).</summary>
    public string? ItemCode { get; init; }

    /// <summary>Income account code.</summary>
    public string? AccountCode { get; init; }

    /// <summary>Accounting tax code / tax type.</summary>
    public string? TaxCode { get; init; }

    /// <summary>Tracking category option / class (e.g. the division).</summary>
    public string? Tracking { get; init; }

    /// <summary>True for a rounding line the engine added.</summary>
    public bool IsRounding { get; init; }
}

/// <summary>An invoice or credit note ready to be written to accounting.</summary>
/// <param name="PsaInvoiceId">The PSA invoice id this draft comes from.</param>
/// <param name="Number">The document number (already shortened to the sink's limit).</param>
/// <param name="Kind">Invoice or credit note.</param>
/// <param name="CustomerId">The accounting customer id.</param>
/// <param name="Date">Invoice date.</param>
/// <param name="DueDate">Due date.</param>
/// <param name="Currency">Currency code.</param>
/// <param name="Lines">Mapped lines (amounts positive for a credit note).</param>
/// <param name="Total">Total including tax (positive for a credit note).</param>
/// <param name="IdempotencyKey">One key per logical write, reused on every retry.</param>
public sealed record AccountingInvoiceDraft(
    string PsaInvoiceId,
    string Number,
    DocumentKind Kind,
    string CustomerId,
    LocalDate Date,
    LocalDate? DueDate,
    string Currency,
    IReadOnlyList<AccountingLine> Lines,
    decimal Total,
    string IdempotencyKey)
{
    /// <summary>The accounting id the ledger maps this PSA invoice to: update it, never create again.</summary>
    public string? ExistingAccountingId { get; init; }

    /// <summary>How line amounts relate to tax.</summary>
    public TaxMode TaxMode { get; init; } = TaxMode.Exclusive;

    /// <summary>Tax total as the PSA computed it.</summary>
    public decimal TaxTotal { get; init; }

    /// <summary>Reference text (e.g. the customer's PO number).</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// The invoice's recipients that are active contacts of the company, comma separated in PSA order, for a document
    /// with its own email field; the sink fits them to its field (whole addresses only).
    /// </summary>
    public string? InvoiceEmail { get; init; }

    /// <summary>The division, for tracking categories or classes.</summary>
    public string? Division { get; init; }

    /// <summary>Link back to the PSA invoice.</summary>
    public Uri? SourceUrl { get; init; }

    /// <summary>The PSA's original number when <see cref="Number"/> was shortened.</summary>
    public string? OriginalNumber { get; init; }
}

/// <summary>An invoice as it stands in accounting.</summary>
/// <param name="Id">The accounting id.</param>
/// <param name="Number">The document number.</param>
/// <param name="Status">The accounting system's status text (e.g. AUTHORISED, PAID).</param>
/// <param name="AmountDue">Amount still due.</param>
/// <param name="AmountPaid">Amount paid so far.</param>
public sealed record AccountingInvoiceRef(string Id, string Number, string Status, decimal AmountDue, decimal AmountPaid)
{
    /// <summary>A link that opens the document in the accounting web app.</summary>
    public Uri? WebLink { get; init; }

    /// <summary>The date the invoice became fully paid, when it is.</summary>
    public LocalDate? FullyPaidOn { get; init; }

    /// <summary>Credit note or invoice.</summary>
    public DocumentKind Kind { get; init; } = DocumentKind.Invoice;

    /// <summary>Whether payments or credits are allocated, so the invoice must not be edited.</summary>
    public bool HasPayments => AmountPaid != 0m;

    /// <summary>True when nothing is due and something was invoiced or paid.</summary>
    public bool IsFullyPaid => FullyPaidOn is not null || (AmountDue == 0m && AmountPaid > 0m);
}

/// <summary>The outcome of writing one draft.</summary>
/// <param name="PsaInvoiceId">The PSA invoice id of the draft.</param>
/// <param name="Invoice">The accounting invoice written, null on error.</param>
/// <param name="Created">True when created now, false when an existing one was updated or left alone.</param>
/// <param name="Warnings">Warnings to show on the invoice.</param>
/// <param name="Error">The vendor's reason when the write failed.</param>
public sealed record AccountingWriteResult(
    string PsaInvoiceId,
    AccountingInvoiceRef? Invoice,
    bool Created,
    IReadOnlyList<string> Warnings,
    string? Error = null)
{
    /// <summary>True when the write succeeded.</summary>
    public bool Succeeded => Error is null && Invoice is not null;
}

/// <summary>Asks the sink for payment status.</summary>
/// <param name="AccountingInvoiceIds">The accounting invoices to check.</param>
/// <param name="Watermark">The watermark the previous call returned, so only changes are fetched.</param>
public sealed record PaymentStatusQuery(IReadOnlyList<string> AccountingInvoiceIds, string? Watermark);

/// <summary>Payment status answer.</summary>
/// <param name="Invoices">Status of the invoices that were returned; invoices missing from the list did not change since the watermark.</param>
/// <param name="NewWatermark">The watermark to store for the next call.</param>
public sealed record PaymentStatusResult(IReadOnlyList<AccountingInvoiceRef> Invoices, string? NewWatermark);

/// <summary>The capabilities and limits of an accounting system.</summary>
/// <param name="MaxContactPersons">How many additional contact persons a customer may hold (0 when the sink has only an email field).</param>
/// <param name="MaxEmailFieldLength">Length of the customer's / invoice's email field, or null for no single field.</param>
/// <param name="MaxItemCodeLength">Maximum item-code length.</param>
/// <param name="MaxDocumentNumberLength">Maximum invoice-number length.</param>
/// <param name="BatchSize">How many invoices one write call takes.</param>
public sealed record AccountingCapabilities(
    int MaxContactPersons,
    int? MaxEmailFieldLength,
    int MaxItemCodeLength,
    int MaxDocumentNumberLength,
    int BatchSize);

/// <summary>The result of a connection test.</summary>
/// <param name="Succeeded">Whether the connection works.</param>
/// <param name="Message">What was reached (tenant or organisation name) or what failed.</param>
public sealed record ConnectionTestResult(bool Succeeded, string Message)
{
    /// <summary>
    /// True when the test failed for a passing reason (the vendor answered 5xx or 429, timed out or dropped the
    /// connection after the client's retries), so trying again later may succeed; false when it succeeded or the
    /// settings, credentials or permissions are wrong.
    /// </summary>
    public bool IsTransient { get; init; }
}
