namespace WiseSync.Sandbox.Recording;

/// <summary>The last requests per vendor (bounded), newest last.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 5000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<RecordedRequest>> _byVendor = new(StringComparer.OrdinalIgnoreCase);

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            if (!_byVendor.TryGetValue(request.Vendor, out var queue))
                _byVendor[request.Vendor] = queue = new Queue<RecordedRequest>();
            queue.Enqueue(request);
            if (queue.Count > Capacity)
                queue.Dequeue();
        }
    }

    /// <summary>The last <paramref name="limit"/> requests of one vendor, or of all vendors when it is null (then in vendor order).</summary>
    public IReadOnlyList<RecordedRequest> Last(string? vendor, int limit)
    {
        lock (_gate)
        {
            var items = vendor is null
                ? _byVendor.Values.SelectMany(q => q).ToList()
                : _byVendor.TryGetValue(vendor, out var queue) ? queue.ToList() : [];
            return items.Skip(Math.Max(0, items.Count - limit)).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
            _byVendor.Clear();
    }
}
