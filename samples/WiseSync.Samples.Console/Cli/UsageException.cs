namespace WiseSync.Samples.Console.Cli;

/// <summary>A bad option or argument; the message names it. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
