namespace WiseSync.Xero.Api;

/// <summary>Xero's answer: status and body text (Xero may answer plain text or HTML on errors, reference §1.3).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body text.</param>
/// <param name="RateLimitProblem">The X-Rate-Limit-Problem header of a 429, as sent.</param>
/// <param name="DayLimitRemaining">The X-DayLimit-Remaining header, when sent.</param>
/// <param name="RetryAfter">The Retry-After header, when sent.</param>
internal sealed record XeroApiResponse(int Status, string Body, string? RateLimitProblem = null, int? DayLimitRemaining = null, TimeSpan? RetryAfter = null);
