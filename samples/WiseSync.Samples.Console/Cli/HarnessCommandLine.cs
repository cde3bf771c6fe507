using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using WiseSync.Samples.Console.Commands;

namespace WiseSync.Samples.Console.Cli;

/// <summary>The command line of CONTRACTS §2: its commands, options, parse errors (exit 2) and dispatch.</summary>
internal sealed class HarnessCommandLine
{
    public const string DefaultDatabase = "wisesync-demo.db";
    public const double DefaultTimeScale = 60;
    public const int DefaultLedgerTimeoutSeconds = 30;

    private static readonly string[] PsaNames = ["autotask", "connectwise"];
    private static readonly string[] AccountingNames = ["xero", "quickbooks"];
    private static readonly string[] ActionNames = ["post", "mark-only", "payments"];

    private readonly Option<string> Psa = Recursive(new Option<string>("--psa")
    {
        Description = "The PSA: autotask or connectwise.",
        DefaultValueFactory = _ => "autotask",
        HelpName = "autotask|connectwise",
    }, OneOf(PsaNames));

    private readonly Option<string> Accounting = Recursive(new Option<string>("--accounting")
    {
        Description = "The accounting system: xero or quickbooks.",
        DefaultValueFactory = _ => "xero",
        HelpName = "xero|quickbooks",
    }, OneOf(AccountingNames));

    private readonly Option<bool> Json = Recursive(new Option<bool>("--json")
    {
        Description = "Print one JSON document on stdout and nothing else there (progress and logs go to stderr).",
    });

    private readonly Option<bool> Verbose = Recursive(new Option<bool>("--verbose")
    {
        Description = "Log the SDK's information messages to stderr (default: warnings and errors only).",
    });

    private readonly Option<string?> Database = Recursive(new Option<string?>("--db")
    {
        Description = $"The ledger file (default {DefaultDatabase} in the working folder).",
        HelpName = "FILE",
    }, NotBlank);

    private readonly Option<string?> SandboxUrl = Recursive(new Option<string?>("--sandbox-url")
    {
        Description = "Use a running sandbox instead of starting one in process.",
        HelpName = "URL",
    }, AbsoluteHttpUrl);

    private readonly Option<string?> Config = Recursive(new Option<string?>("--config")
    {
        Description = "appsettings.json with real vendor credentials (no sandbox); secrets may also come from WISESYNC__* environment variables.",
        HelpName = "FILE",
    }, NotBlank);

    private readonly Option<string?> TimeScale = Recursive(new Option<string?>("--time-scale")
    {
        Description = $"Speed-up of the embedded sandbox's vendor clocks (default {DefaultTimeScale.ToString(CultureInfo.InvariantCulture)}).",
        HelpName = "X",
    }, Positive);

    private readonly Option<string?> LedgerTimeout = Recursive(new Option<string?>("--ledger-timeout")
    {
        Description = $"Seconds to wait for another program's lock on the ledger before giving up with exit 4 (default {DefaultLedgerTimeoutSeconds}).",
        HelpName = "SECONDS",
    }, Positive);

    private readonly Option<string> Action = WithValidator(new Option<string>("--action")
    {
        Description = "post (post to accounting), mark-only (mark synced, do not post) or payments (write paid dates back).",
        DefaultValueFactory = _ => "post",
        HelpName = "post|mark-only|payments",
    }, OneOf(ActionNames));

    private readonly Option<string?> Thru = WithValidator(new Option<string?>("--thru", "--to")
    {
        Description = "Invoices dated up to and including this date (default today in the PSA's time zone).",
        HelpName = "YYYY-MM-DD",
    }, IsoDate);

    private readonly Option<string?> From = WithValidator(new Option<string?>("--from")
    {
        Description = "Only invoices dated on or after this date.",
        HelpName = "YYYY-MM-DD",
    }, IsoDate);

    private readonly Option<string?> Division = WithValidator(new Option<string?>("--division")
    {
        Description = "Only invoices of this division / line of business, as the PSA names it.",
        HelpName = "NAME",
    }, NotBlank);

    private readonly Option<bool> IncludeSynced = new("--include-synced")
    {
        Description = "Also invoices already marked synced (a post updates their mapped accounting invoices).",
    };

    private readonly Option<string[]> Invoice = WithValidator(new Option<string[]>("--invoice")
    {
        Description = "Only this PSA invoice id (repeatable).",
        HelpName = "ID",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    }, NotBlankEach);

    private readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Report what a post would create or update; write nothing.",
    };

    private readonly Option<string[]> Dismiss = WithValidator(new Option<string[]>("--dismiss")
    {
        Description = "Forget the orphan of this PSA invoice id once you have resolved it by hand (repeatable).",
        HelpName = "PSA-INVOICE-ID",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    }, NotBlankEach);

    private readonly Option<bool> Force = new("--force")
    {
        Description = "Also set a readable ledger aside and rebuild (by default only a damaged or missing ledger is rebuilt).",
    };

    private readonly Argument<string> BatchId = new("batchId") { Description = "The batch to delete (see history)." };

    private readonly Argument<string> PsaInvoiceId = new("psaInvoiceId") { Description = "The PSA invoice id." };

    /// <summary>Parses <paramref name="args"/> and runs the command; parse and usage errors exit with 2.</summary>
    public static async Task<int> InvokeAsync(string[] args, HarnessConsole console, CancellationToken cancellationToken)
    {
        var root = new HarnessCommandLine().BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {Describe(error)}");
            }

            console.Error.WriteLine("Run with --help for usage.");
            return Program.UsageError;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C is handled by Program.Main, which cancels the token; the run then stops between chunks.
                ProcessTerminationTimeout = null,
            },
            cancellationToken);
    }

    private RootCommand BuildRoot(HarnessConsole console)
    {
        var root = new RootCommand("WiseSync console harness: sync PSA invoices into accounting against the sandbox or real vendor APIs.");
        foreach (var option in new Option[] { Psa, Accounting, Json, Verbose, Database, SandboxUrl, Config, TimeScale, LedgerTimeout })
        {
            root.Options.Add(option);
        }

        var sync = new Command("sync", "Run a sync: post invoices (default), mark them synced only, or write paid dates back.")
        {
            Action, Thru, From, Division, Invoice, IncludeSynced, DryRun,
        };
        sync.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.Sync, console, SyncCommand.RunAsync, ct));

        var pending = new Command("pending", "List the invoices a sync would pick up.") { Thru, From, Division, Invoice, IncludeSynced };
        pending.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.Pending, console, PendingCommand.RunAsync, ct));

        var history = new Command("history", "List the ledger's batches with their totals.");
        history.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.History, console, HistoryCommand.RunAsync, ct));

        var deleteBatch = new Command("delete-batch", "Clear a batch's synced marks so the next sync updates the same accounting invoices.") { BatchId };
        deleteBatch.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.DeleteBatch, console, DeleteBatchCommand.RunAsync, ct));

        var showInvoice = new Command("show-invoice", "Print the PSA's own document of an invoice.") { PsaInvoiceId };
        showInvoice.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.ShowInvoice, console, ShowInvoiceCommand.RunAsync, ct));

        var orphans = new Command("orphans", "List invoices in accounting whose PSA mark or paid date the PSA refused in too many runs; --dismiss one once resolved.") { Dismiss };
        orphans.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.Orphans, console, OrphansCommand.RunAsync, ct));

        var rebuild = new Command("rebuild", "Set a damaged or lost ledger aside and rebuild its invoice and customer mappings from accounting and the PSA's synced marks.") { Thru, Force };
        rebuild.SetAction((parse, ct) => RunAsync(parse, HarnessCommand.LedgerRebuild, console, LedgerRebuildCommand.RunAsync, ct));
        var ledger = new Command("ledger", "Ledger maintenance.") { rebuild };

        root.Subcommands.Add(sync);
        root.Subcommands.Add(pending);
        root.Subcommands.Add(history);
        root.Subcommands.Add(deleteBatch);
        root.Subcommands.Add(showInvoice);
        root.Subcommands.Add(orphans);
        root.Subcommands.Add(ledger);
        return root;
    }

    private Task<int> RunAsync(
        ParseResult parse,
        HarnessCommand command,
        HarnessConsole console,
        Func<HarnessSettings, HarnessConsole, CancellationToken, Task<int>> run,
        CancellationToken cancellationToken) =>
        ExitCodes.GuardAsync(console, () => run(ToSettings(parse, command), console, cancellationToken), cancellationToken);

    /// <summary>Turns a parse result into settings; combinations that cannot work are usage errors naming the options.</summary>
    internal HarnessSettings ToSettings(ParseResult parse, HarnessCommand command)
    {
        var sandboxUrl = parse.GetValue(SandboxUrl);
        var config = parse.GetValue(Config);
        var timeScale = parse.GetValue(TimeScale);
        if (sandboxUrl is not null && config is not null)
        {
            throw new UsageException("--sandbox-url and --config cannot be used together: --sandbox-url talks to a sandbox, --config to the real vendor APIs.");
        }

        if (timeScale is not null && (sandboxUrl is not null || config is not null))
        {
            throw new UsageException(sandboxUrl is not null
                ? "--time-scale applies to the embedded sandbox only; with --sandbox-url the sandbox's own time scale (from /_sandbox/info) is used."
                : "--time-scale applies to the embedded sandbox only, not to --config (real vendor APIs run in real time).");
        }

        var action = command == HarnessCommand.Sync ? parse.GetValue(Action) : null;
        var thru = command is HarnessCommand.Sync or HarnessCommand.Pending or HarnessCommand.LedgerRebuild ? parse.GetValue(Thru) : null;
        var ledgerTimeout = parse.GetValue(LedgerTimeout);
        var searches = command is HarnessCommand.Sync or HarnessCommand.Pending;
        var from = searches ? parse.GetValue(From) : null;
        var fromDate = from is null ? (LocalDate?)null : LocalDatePattern.Iso.Parse(from).Value;
        var thruDate = thru is null ? (LocalDate?)null : LocalDatePattern.Iso.Parse(thru).Value;
        if (fromDate > thruDate)
        {
            throw new UsageException($"--from {from} is after --thru {thru}: no invoice is dated in between.");
        }

        return new HarnessSettings
        {
            Command = command,
            Psa = parse.GetValue(Psa)!.ToLowerInvariant(),
            Accounting = parse.GetValue(Accounting)!.ToLowerInvariant(),
            Action = action?.ToLowerInvariant() switch
            {
                null or "post" => SyncAction.PostToAccounting,
                "mark-only" => SyncAction.MarkSyncedOnly,
                _ => SyncAction.UpdatePaidDates,
            },
            Thru = thruDate,
            From = fromDate,
            Division = searches ? parse.GetValue(Division) : null,
            IncludeSynced = searches && parse.GetValue(IncludeSynced),
            InvoiceIds = searches ? parse.GetValue(Invoice) ?? [] : [],
            DryRun = command == HarnessCommand.Sync && parse.GetValue(DryRun),
            Json = parse.GetValue(Json),
            Verbose = parse.GetValue(Verbose),
            Database = parse.GetValue(Database),
            SandboxUrl = sandboxUrl is null ? null : new Uri(sandboxUrl.EndsWith('/') ? sandboxUrl : sandboxUrl + "/"),
            ConfigFile = config,
            TimeScale = timeScale is null ? DefaultTimeScale : ParsePositive(timeScale)!.Value,
            BatchId = command == HarnessCommand.DeleteBatch ? parse.GetValue(BatchId) : null,
            PsaInvoiceId = command == HarnessCommand.ShowInvoice ? PsaInvoiceIdOf(parse.GetValue(PsaInvoiceId)!, parse.GetValue(Psa)!) : null,
            Dismiss = command == HarnessCommand.Orphans ? parse.GetValue(Dismiss) ?? [] : [],
            Force = command == HarnessCommand.LedgerRebuild && parse.GetValue(Force),
            LedgerTimeout = TimeSpan.FromSeconds(ledgerTimeout is null ? DefaultLedgerTimeoutSeconds : ParsePositive(ledgerTimeout)!.Value),
        };
    }

    /// <summary>Autotask and ConnectWise invoice ids are positive whole numbers; anything else is a usage error naming the argument.</summary>
    private static string PsaInvoiceIdOf(string id, string psa) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? id
            : throw new UsageException($"<psaInvoiceId>: '{id}' is not a valid {Connections.ProviderRegistration.DisplayName(psa.ToLowerInvariant())} invoice id (a positive whole number such as 70001).");

    /// <summary>A parse error's message, prefixed with the option it concerns when the parser's own text does not name it.</summary>
    private static string Describe(ParseError error)
    {
        if (error.SymbolResult is OptionResult { Option: var option } && !error.Message.Contains(option.Name, StringComparison.Ordinal))
        {
            return $"{option.Name}: {error.Message}";
        }

        if (error.SymbolResult is ArgumentResult { Argument: var argument } && !error.Message.Contains(argument.Name, StringComparison.Ordinal))
        {
            return $"<{argument.Name}>: {error.Message}";
        }

        return error.Message;
    }

    private static Option<T> Recursive<T>(Option<T> option, Action<OptionResult>? validator = null)
    {
        option.Recursive = true;
        return validator is null ? option : WithValidator(option, validator);
    }

    private static Option<T> WithValidator<T>(Option<T> option, Action<OptionResult> validator)
    {
        option.Validators.Add(validator);
        return option;
    }

    private static Action<OptionResult> OneOf(string[] allowed) => result =>
    {
        var value = result.GetValueOrDefault<string>();
        if (value is not null && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            result.AddError($"{result.Option.Name} must be one of {string.Join(", ", allowed)}; got '{value}'.");
        }
    };

    private static void NotBlank(OptionResult result)
    {
        if (result.Implicit)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
        {
            result.AddError($"{result.Option.Name} needs a value.");
        }
    }

    private static void NotBlankEach(OptionResult result)
    {
        if (result.GetValueOrDefault<string[]>() is { } values && values.Any(string.IsNullOrWhiteSpace))
        {
            result.AddError($"{result.Option.Name} needs a PSA invoice id.");
        }
    }

    private static void AbsoluteHttpUrl(OptionResult result)
    {
        var value = result.GetValueOrDefault<string?>();
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            result.AddError($"{result.Option.Name} must be an absolute http(s) URL such as http://127.0.0.1:5599; got '{value}'.");
        }
    }

    private static void Positive(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } text && ParsePositive(text) is null)
        {
            result.AddError($"{result.Option.Name} must be a positive number such as 60; got '{text}'.");
        }
    }

    private static double? ParsePositive(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && !double.IsInfinity(value) ? value : null;

    private static void IsoDate(OptionResult result)
    {
        var value = result.GetValueOrDefault<string?>();
        if (value is not null && !LocalDatePattern.Iso.Parse(value).Success)
        {
            result.AddError($"{result.Option.Name} must be a date in the form YYYY-MM-DD; got '{value}'.");
        }
    }
}
