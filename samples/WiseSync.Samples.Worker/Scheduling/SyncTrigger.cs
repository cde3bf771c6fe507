using System.Collections.Concurrent;
using System.Threading.Channels;

namespace WiseSync.Samples.Worker.Scheduling;

/// <summary>Asks the worker to sync a connection now (e.g. from a host's "Sync Now" button); requests made while one is waiting are coalesced.</summary>
public sealed class SyncTrigger
{
    private readonly ConcurrentDictionary<string, Channel<bool>> _channels = new(StringComparer.Ordinal);

    /// <summary>Requests a run of <paramref name="connection"/>; false when one is already waiting.</summary>
    public bool Request(string connection) => ChannelOf(connection).Writer.TryWrite(true);

    /// <summary>Completes when a run of <paramref name="connection"/> was requested.</summary>
    internal async Task WaitAsync(string connection, CancellationToken cancellationToken) =>
        await ChannelOf(connection).Reader.ReadAsync(cancellationToken);

    private Channel<bool> ChannelOf(string connection) => _channels.GetOrAdd(connection, static _ => Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true }));
}
