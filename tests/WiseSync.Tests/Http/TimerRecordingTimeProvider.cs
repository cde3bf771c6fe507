using Microsoft.Extensions.Time.Testing;

namespace WiseSync.Tests.Http;

/// <summary>A <see cref="FakeTimeProvider"/> that also tells a test when a timer of a given length is asked for, so it can
/// advance time exactly when the code under test waits (never by sleeping).</summary>
internal sealed class TimerRecordingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero))
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _requested = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource> signals;
        lock (_gate)
        {
            _requested.Add(dueTime);
            signals = _waiters.Where(w => w.Due == dueTime).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => w.Due == dueTime);
        }

        signals.ForEach(s => s.TrySetResult());
        return timer;
    }

    /// <summary>Completes when a timer with exactly <paramref name="due"/> has been created.</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        lock (_gate)
        {
            if (_requested.Contains(due))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due, signal));
            return signal.Task;
        }
    }
}
