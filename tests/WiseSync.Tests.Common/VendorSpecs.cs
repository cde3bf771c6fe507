namespace WiseSync.Testing;

/// <summary>
/// Finds the vendors' OpenAPI files, which live outside the repo (never copied into it).
/// Looks at WISESYNC_SPECS_DIR, else at ../shared/specs beside the repository root.
/// Absent specs skip the test with a printed reason, except under CI (CI=true), where they must be present.
/// </summary>
public static class VendorSpecs
{
    private static readonly Lazy<string?> RootDirectory = new(FindRoot);

    /// <summary>True under CI (CI=true), where absent specs fail instead of skipping.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding the specs, or null when none was found.</summary>
    public static string? Root => RootDirectory.Value;

    /// <summary>Why a spec test is skipped when the specs are absent.</summary>
    public static string SkipReason =>
        "vendor specs not found: set WISESYNC_SPECS_DIR to the folder holding xero_accounting.yaml (default ../shared/specs beside the repository)";

    /// <summary>The full path of a spec file; throws when it is missing (the attribute already skipped outside CI).</summary>
    public static string Require(string relativePath)
    {
        var root = Root ?? throw new InvalidOperationException(SkipReason);
        var path = Path.Combine(root, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"vendor spec missing: {path}", path);
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("WISESYNC_SPECS_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WiseSync.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "specs"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
