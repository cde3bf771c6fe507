using Spectre.Console;

namespace WiseSync.Samples.Console.Cli;

/// <summary>Where the harness writes: the report to <see cref="Out"/>, everything else (logs, progress, notices) to <see cref="Error"/>.</summary>
internal sealed class HarnessConsole
{
    public HarnessConsole(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        Out = stdout;
        Error = stderr;
        Interactive = interactive;
        Ansi = Create(stdout, interactive);
        AnsiError = Create(stderr, interactive && !System.Console.IsErrorRedirected);
    }

    /// <summary>Standard output: the report (the JSON document with <c>--json</c>).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: logs, progress and notices.</summary>
    public TextWriter Error { get; }

    /// <summary>True when stdout is a terminal (live progress bar, colours).</summary>
    public bool Interactive { get; }

    /// <summary>Spectre console on stdout.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Spectre console on stderr.</summary>
    public IAnsiConsole AnsiError { get; }

    /// <summary>The ledger file of this invocation once known, so a SQLite error from any component is reported against it.</summary>
    public string? LedgerPath { get; set; }

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });

        if (!interactive)
        {
            // Redirected output has no terminal width; wide enough that table rows (with links) stay on one line.
            console.Profile.Width = 200;
        }

        return console;
    }
}
