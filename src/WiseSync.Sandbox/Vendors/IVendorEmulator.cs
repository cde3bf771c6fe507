namespace WiseSync.Sandbox.Vendors;

/// <summary>
/// One vendor's emulator. The host gives it a route group at <see cref="Prefix"/>, records its traffic,
/// applies faults, and delegates the admin state, seed and pay endpoints to it.
/// </summary>
internal interface IVendorEmulator
{
    /// <summary>Lower-case vendor key: "autotask", "connectwise", "xero", "quickbooks".</summary>
    string Vendor { get; }

    /// <summary>First path segment of all its routes, e.g. "/xero".</summary>
    string Prefix { get; }

    /// <summary>The limits it enforces (null when the vendor publishes none).</summary>
    VendorRateLimitPolicy? Limits { get; }

    /// <summary>Maps its routes; every route but token and zone lookups answers 401 without credentials.</summary>
    void Map(RouteGroupBuilder group);

    /// <summary>Replaces its records with the dataset (start, reset, seed).</summary>
    void Load(SandboxDataset data);

    /// <summary>Clears rate-limit windows and restores first-use credentials (reset).</summary>
    void ResetTraffic();

    /// <summary>A collection as the vendor's API would return it, or null when it has no such collection.</summary>
    object? GetState(string collection);

    /// <summary>A customer pays an invoice (accounting vendors); false with a reason otherwise.</summary>
    bool TryPay(PayRequest request, out string? error);

    /// <summary>The path without the vendor's API prefix (e.g. "/Invoices/query"), used for <c>byRoute</c>.</summary>
    string RelativePath(string path);

    /// <summary>Its part of the sandbox credentials, shown by <c>/_sandbox/info</c>.</summary>
    object DescribeCredentials(SandboxCredentials credentials);
}
