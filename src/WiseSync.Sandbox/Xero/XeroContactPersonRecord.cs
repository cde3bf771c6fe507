namespace WiseSync.Sandbox.Xero;

/// <summary>One of a Xero contact's additional people (schemas.ContactPerson).</summary>
internal sealed record XeroContactPersonRecord(string? FirstName, string? LastName, string? EmailAddress, bool IncludeInEmails);
