using Spectre.Console;
using WiseSync.Samples.Console.Cli;

namespace WiseSync.Samples.Console.Output;

/// <summary>
/// Shows a run's <see cref="SyncProgress"/>: a live bar on a terminal, otherwise a line on stderr every tenth of the way,
/// so stdout keeps only the report.
/// </summary>
internal static class ProgressView
{
    public static async Task<T> RunAsync<T>(HarnessConsole console, bool json, string label, Func<IProgress<SyncProgress>, Task<T>> run)
    {
        if (json || !console.Interactive)
        {
            return await run(new LineProgress(console.Error, label));
        }

        return await console.Ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), autoStart: true, maxValue: 1);
                var result = await run(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(p.CurrentInvoice is null ? label : $"{label} {p.CurrentInvoice}");
                }));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post and reorder updates).</summary>
    private sealed class Reporter(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }

    private sealed class LineProgress(TextWriter writer, string label) : IProgress<SyncProgress>
    {
        private readonly Lock _gate = new();
        private int _lastTenth = -1;

        public void Report(SyncProgress value)
        {
            var tenth = value.Total <= 0 ? 10 : value.Done * 10 / value.Total;
            lock (_gate)
            {
                if (tenth <= _lastTenth)
                {
                    return;
                }

                _lastTenth = tenth;
                writer.WriteLine($"{label}: {value.Done}/{value.Total}");
            }
        }
    }
}
