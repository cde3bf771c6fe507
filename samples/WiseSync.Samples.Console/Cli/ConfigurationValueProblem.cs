using System.Text.RegularExpressions;

namespace WiseSync.Samples.Console.Cli;

/// <summary>
/// A configuration value the binder could not convert (a word where a number belongs, an unknown enum name), told as one
/// line naming the setting and what it takes. The value itself is left out: it may be a secret.
/// </summary>
internal static partial class ConfigurationValueProblem
{
    /// <summary>The one-line message for a binder failure in <paramref name="ex"/> or its causes, or null when there is none.</summary>
    public static string? Describe(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is InvalidOperationException && BinderFailure().Match(current.Message) is { Success: true } match)
            {
                var setting = match.Groups["path"].Value;
                return $"the setting {setting} has a value that is not {Expected(match.Groups["type"].Value)}.";
            }
        }

        return null;
    }

    private static string Expected(string typeName)
    {
        var type = Type.GetType(typeName) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null);
        var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            null => $"a {typeName}",
            { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(underlying))}",
            _ when underlying == typeof(int) || underlying == typeof(long) => "a whole number",
            _ when underlying == typeof(double) || underlying == typeof(decimal) => "a number",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(TimeSpan) => "a duration such as 00:15:00",
            _ when underlying == typeof(Uri) => "a URL",
            _ => $"a {underlying.Name}",
        };
    }

    // Microsoft.Extensions.Configuration.Binder: "Failed to convert configuration value [...] at 'Section:Key' to type 'T'."
    [GeneratedRegex("^Failed to convert configuration value.* at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
