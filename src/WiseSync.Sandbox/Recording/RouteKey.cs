namespace WiseSync.Sandbox.Recording;

/// <summary>Builds the <c>byRoute</c> key: method plus the vendor-relative path with ids replaced by <c>{id}</c>.</summary>
internal static class RouteKey
{
    public static string For(string method, string relativePath)
    {
        var builder = new StringBuilder(method.ToUpperInvariant()).Append(' ');
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            return builder.Append('/').ToString();
        foreach (var segment in segments)
            builder.Append('/').Append(IsId(segment) ? "{id}" : segment);
        return builder.ToString();
    }

    /// <summary>Numbers, GUIDs and numbered names ("INV-10001") are ids; names with a digit or two ("oauth2", "v1") are not.</summary>
    private static bool IsId(string segment) =>
        segment.All(char.IsAsciiDigit)
        || Guid.TryParse(segment, out _)
        || segment.Count(char.IsAsciiDigit) >= 3;
}
