using System.Collections.Concurrent;

namespace WiseSync.Autotask.Api;

/// <summary>
/// Autotask counts threads per integration code and endpoint, 3 at most (reference/psa-apis.md §1.9); the plumbing's
/// limiter counts per tenant, so this gate keeps each endpoint (Invoices, BillingItems, ...) within its own threads.
/// The hourly budget share is the plumbing's long window (see <see cref="AutotaskHttpDefaults"/>).
/// </summary>
internal sealed class AutotaskRequestGate(int threadsPerEndpoint) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpoints = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string endpoint, CancellationToken cancellationToken)
    {
        var threads = _endpoints.GetOrAdd(endpoint, _ => new SemaphoreSlim(threadsPerEndpoint, threadsPerEndpoint));
        await threads.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(threads);
    }

    public void Dispose()
    {
        foreach (var semaphore in _endpoints.Values)
        {
            semaphore.Dispose();
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
