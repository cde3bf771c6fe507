namespace WiseSync.Xero.Api;

/// <summary>
/// What one Xero connection keeps between calls and runs: the tenant picked from /connections and the organisation
/// (short code, lock dates), read again after <see cref="XeroOptions.OrganisationCacheDuration"/>.
/// </summary>
internal sealed class XeroConnectionState(string connectionName, XeroOptions options, TimeProvider time)
{
    // Separate gates: reading the organisation first picks the tenant, which takes the tenant gate.
    private readonly SemaphoreSlim _tenantGate = new(1, 1);
    private readonly SemaphoreSlim _organisationGate = new(1, 1);
    private string? _tenantId;
    private (XeroOrganisationInfo Info, DateTimeOffset ReadAt)? _organisation;
    private bool _contactFiltersRefused;

    public string ConnectionName { get; } = connectionName;

    public XeroOptions Options { get; } = options;

    /// <summary>
    /// Set once Xero refused an OR of contact filters (HighVolumeException): the organisation is large, so lookups go
    /// straight to single optimised filters for the rest of this connection's life.
    /// </summary>
    public bool ContactFiltersRefused
    {
        get => Volatile.Read(ref _contactFiltersRefused);
        set => Volatile.Write(ref _contactFiltersRefused, value);
    }

    public async ValueTask<string?> GetTenantIdAsync(Func<CancellationToken, Task<string?>> pick, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Options.TenantId))
        {
            return Options.TenantId;
        }

        if (_tenantId is not null)
        {
            return _tenantId;
        }

        await _tenantGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _tenantId ??= await pick(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _tenantGate.Release();
        }
    }

    public async ValueTask<XeroOrganisationInfo> GetOrganisationAsync(Func<CancellationToken, Task<XeroOrganisationInfo>> read, CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _organisationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var info = await read(cancellationToken).ConfigureAwait(false);
            _organisation = (info, time.GetUtcNow());
            return info;
        }
        finally
        {
            _organisationGate.Release();
        }
    }

    private XeroOrganisationInfo? Fresh() =>
        _organisation is { } o && time.GetUtcNow() - o.ReadAt < Options.OrganisationCacheDuration / Options.TimeScale ? o.Info : null;
}
