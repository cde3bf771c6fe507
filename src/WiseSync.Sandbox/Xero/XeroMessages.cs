namespace WiseSync.Sandbox.Xero;

/// <summary>Xero's validation texts, as quoted in reference/accounting-apis.md §1.3 ([C] there; [?] marked here).</summary>
internal static class XeroMessages
{
    public static string ContactNameTaken(string name) =>
        $"The contact name {name} is already assigned to another contact. The contact name must be unique across all active contacts.";

    public const string InvoiceNumberNotUnique = "Invoice # must be unique.";

    // [?] Xero's credit-note wording was not found; built like the invoice message.
    public const string CreditNoteNumberNotUnique = "Credit Note # must be unique.";

    public const string DocumentHasAllocations = "This document cannot be edited as it has a payment or credit note allocated to it.";

    public const string PaymentsOnlyAgainstAuthorised = "Payments can only be made against Authorised documents";

    public const string PaymentExceedsOutstanding = "Payment amount exceeds the amount outstanding on this document";

    public const string ItemCodeTooLong = "Price List Item Code must not be more than 30 characters long";

    // [?] What Xero answers to a sixth ContactPerson is unconfirmed (reference Part 6); the UI allows five.
    public const string TooManyContactPersons = "A contact can have a maximum of 5 contact persons.";

    // [?] The API wording of "a primary-person email must exist before you can add others" (reference §1.4) is unconfirmed.
    public const string ContactPersonsNeedPrimaryEmail = "A primary person email address must exist before additional contact persons can be added.";

    // [?] Duplicate ContactNumber is rejected (xero-node#299) but the text is unconfirmed.
    public static string ContactNumberTaken(string number) => $"The contact number {number} is already assigned to another contact.";

    public static string LockDate(DateOnly lockDate, bool endOfYear) =>
        endOfYear
            ? $"The document date cannot be before the end of year lock date, currently set at {Format(lockDate)}"
            // [?] The period-lock wording is unconfirmed; built like the end-of-year message (xeroizer#92).
            : $"The document date cannot be before the period lock date, currently set at {Format(lockDate)}";

    public static string TooLong(string field, int max) => $"{field} must not be more than {max.ToString(CultureInfo.InvariantCulture)} characters long";

    private static string Format(DateOnly date) => date.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture);
}
