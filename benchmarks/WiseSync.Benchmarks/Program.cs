using WiseSync.Benchmarks;
using WiseSync.Benchmarks.E2e;
using WiseSync.Benchmarks.Micro;
using WiseSync.Benchmarks.Scale;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var command = args.Length > 0 ? args[0] : "help";
var rest = args.Skip(1).ToArray();
var options = new HarnessArgs(rest);
try
{
    return command switch
    {
        "micro" => MicroCommand.Run(rest),
        "scale" => await ScaleCommand.RunAsync(options, cancel.Token),
        "scale-run" => await ScaleCommand.RunOneAsync(options, cancel.Token),
        "e2e" => await E2eCommand.RunAsync(options, cancel.Token),
        _ => Usage(),
    };
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: WiseSync.Benchmarks <command>
          micro [BenchmarkDotNet args]                      in-process cost per invoice (default: all, short job)
          scale [--invoices 100000] [--companies 500]       peak working set at 10k and N invoices, in-memory fakes
          e2e --invoices N --psa autotask|connectwise --accounting xero|quickbooks [--time-scale X] [--companies C] [--no-warmup]
                                                            ours vs a naive integration against the sandbox; ends with RESULT {...}
        """);
    return 2;
}
