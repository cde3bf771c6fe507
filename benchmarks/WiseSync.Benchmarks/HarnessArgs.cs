using System.Globalization;

namespace WiseSync.Benchmarks;

/// <summary>The few <c>--name value</c> options the harness takes.</summary>
internal sealed class HarnessArgs(string[] args)
{
    public string? Value(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public bool Has(string name) => Array.IndexOf(args, name) >= 0;

    public int Int(string name, int fallback) =>
        Value(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Value(name) is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => Value(name) ?? fallback;
}
