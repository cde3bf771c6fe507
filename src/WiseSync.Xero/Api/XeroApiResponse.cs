namespace WiseSync.Xero.Api;

/// <summary>Xero's answer: status and body text (Xero may answer plain text or HTML on errors, reference §1.3).</summary>
internal sealed record XeroApiResponse(int Status, string Body);
