namespace WiseSync.Http.Internal;

/// <summary>
/// A request captured once (body buffered) so each attempt can send a fresh <see cref="HttpRequestMessage"/>:
/// a sent message cannot be sent again, and a streamed body cannot be read twice.
/// </summary>
internal sealed class RequestTemplate
{
    private readonly HttpRequestMessage _original;
    private readonly byte[]? _body;
    private readonly KeyValuePair<string, IEnumerable<string>>[] _contentHeaders;

    private RequestTemplate(HttpRequestMessage original, byte[]? body)
    {
        _original = original;
        _body = body;
        _contentHeaders = original.Content is null ? [] : [.. original.Content.Headers];
    }

    public HttpRequestMessage Original => _original;

    public static async Task<RequestTemplate> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RequestTemplate(request, body);
    }

    public HttpRequestMessage Build()
    {
        var copy = new HttpRequestMessage(_original.Method, _original.RequestUri)
        {
            Version = _original.Version,
            VersionPolicy = _original.VersionPolicy,
        };

        foreach (var (name, values) in _original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (key, value) in _original.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[key] = value;
        }

        if (_body is not null)
        {
            var content = new ByteArrayContent(_body);
            foreach (var (name, values) in _contentHeaders)
            {
                content.Headers.TryAddWithoutValidation(name, values);
            }

            copy.Content = content;
        }

        return copy;
    }

    public static bool IsWrite(HttpMethod method) =>
        method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;
}
