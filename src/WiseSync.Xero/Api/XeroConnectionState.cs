namespace WiseSync.Xero.Api;

/// <summary>
/// What one Xero connection keeps between calls and runs: the tenant picked from /connections and the organisation
/// (short code, lock dates), read again after <see cref="XeroOptions.OrganisationCacheDuration"/>.
/// </summary>
internal sealed class XeroConnectionState(string connectionName, XeroOptions options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _tenantId;
    private (XeroOrganisationInfo Info, DateTimeOffset ReadAt)? _organisation;

    public string ConnectionName { get; } = connectionName;

    public XeroOptions Options { get; } = options;

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

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _tenantId ??= await pick(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<XeroOrganisationInfo> GetOrganisationAsync(Func<CancellationToken, Task<XeroOrganisationInfo>> read, CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            _gate.Release();
        }
    }

    private XeroOrganisationInfo? Fresh() =>
        _organisation is { } o && time.GetUtcNow() - o.ReadAt < Options.OrganisationCacheDuration / Options.TimeScale ? o.Info : null;
}
