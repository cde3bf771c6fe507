namespace WiseSync.Http;

/// <summary>
/// What a vendor's response headers say is left (see <see cref="VendorHttpOptions.ReadQuota"/>); the limiter never
/// lets more requests through than the vendor says remain, so it slows before the vendor says no.
/// </summary>
/// <param name="WindowRemaining">Requests left in the short window, when the vendor says.</param>
/// <param name="LongWindowRemaining">Requests left in the long window, when the vendor says.</param>
public sealed record VendorQuota(int? WindowRemaining, int? LongWindowRemaining);
