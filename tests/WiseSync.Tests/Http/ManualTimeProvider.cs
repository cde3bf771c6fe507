namespace WiseSync.Tests.Http;

/// <summary>A TimeProvider whose time moves only when a test calls <see cref="Advance"/>; it records every timer asked for.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];
    private DateTimeOffset _now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public List<TimeSpan> RequestedDueTimes { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_sync)
        {
            return _ticks;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes when a timer with exactly <paramref name="due"/> is created.</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        lock (_sync)
        {
            if (RequestedDueTimes.Contains(due))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due, signal));
            return signal.Task;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_sync)
        {
            _now += by;
            _ticks += by.Ticks;
            due = _timers.Where(t => t.DueAt <= _ticks).ToList();
            foreach (var timer in due)
            {
                timer.Fired();
            }
        }

        foreach (var timer in due)
        {
            timer.Invoke();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        List<TaskCompletionSource> signals;
        lock (_sync)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            RequestedDueTimes.Add(dueTime);
            timer.DueAt = _ticks + dueTime.Ticks;
            _timers.Add(timer);
            signals = _waiters.Where(w => w.Due == dueTime).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => w.Due == dueTime);
        }

        signals.ForEach(s => s.TrySetResult());
    }

    private void Remove(ManualTimer timer)
    {
        lock (_sync)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public long DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            owner.Schedule(this, dueTime);
            return true;
        }

        // Called under the owner's lock.
        public void Fired()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                owner._timers.Remove(this);
            }
            else
            {
                DueAt += _period.Ticks;
            }
        }

        public void Invoke() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
