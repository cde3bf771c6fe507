using YamlDotNet.RepresentationModel;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>
/// The vendor-published samples under Fixtures/quickbooks (each listed in its SOURCES.md), copied to the test output.
/// Cassettes recorded by minimul/qbo_api against Intuit's sandbox (VCR YAML) are read as they were recorded: status,
/// headers and body of each interaction.
/// </summary>
internal static class VendorSamples
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "quickbooks", relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Interaction <paramref name="index"/> of a VCR cassette.</summary>
    public static RecordedExchange Cassette(string relative, int index = 0)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(Text(relative)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var interaction = (YamlMappingNode)((YamlSequenceNode)root["http_interactions"])[index];
        var request = (YamlMappingNode)interaction["request"];
        var response = (YamlMappingNode)interaction["response"];
        var status = (YamlMappingNode)response["status"];
        return new RecordedExchange(
            Scalar(request["method"]).ToUpperInvariant(),
            Scalar(request["uri"]),
            Scalar(((YamlMappingNode)request["body"])["string"]),
            int.Parse(Scalar(status["code"]), System.Globalization.CultureInfo.InvariantCulture),
            Headers((YamlMappingNode)response["headers"]),
            Scalar(((YamlMappingNode)response["body"])["string"]));
    }

    private static Dictionary<string, string> Headers(YamlMappingNode node) =>
        node.Children.ToDictionary(h => Scalar(h.Key), h => string.Join(",", ((YamlSequenceNode)h.Value).Children.Select(Scalar)), StringComparer.OrdinalIgnoreCase);

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;
}

/// <summary>One recorded request and Intuit's answer to it.</summary>
internal sealed record RecordedExchange(string Method, string Uri, string RequestBody, int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Intuit's transaction id of the recorded answer (recorded as <c>Intuit-Tid</c>).</summary>
    public string IntuitTid => Headers["Intuit-Tid"];

    /// <summary>The decoded <c>query</c> parameter of the recorded request, if any.</summary>
    public string? Query => QueryString.Get(new Uri(Uri).Query, "query");
}

/// <summary>Reads one parameter of a URL query string, decoded (WireMock splits values at commas, so tests read the raw query).</summary>
internal static class QueryString
{
    public static string? Get(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(at < 0 ? pair : pair[..at]);
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return at < 0 ? string.Empty : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
