namespace WiseSync.Sandbox.Faults;

/// <summary>Active fault rules; the first matching rule that fires is used, and a rule retires after its count.</summary>
internal sealed class FaultInjector(int seed)
{
    private readonly Lock _gate = new();
    private readonly List<ActiveRule> _rules = [];
    // Seeded so a probabilistic fault run repeats with the same seed and request order.
    private Random _random = new(seed);

    public void Add(IEnumerable<FaultRule> rules)
    {
        lock (_gate)
            _rules.AddRange(rules.Select(r => new ActiveRule(r, r.Count)));
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _random = new Random(seed);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _rules.Count;
        }
    }

    public FaultRule? Match(string vendor, string method, string path)
    {
        lock (_gate)
        {
            foreach (var active in _rules)
            {
                var rule = active.Rule;
                if (!string.Equals(rule.Vendor, vendor, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (rule.PathContains is not null && !path.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (rule.Probability is { } p && _random.NextDouble() >= p)
                    continue;
                if (active.Remaining is not null && --active.Remaining == 0)
                    _rules.Remove(active);
                return rule;
            }

            return null;
        }
    }

    private sealed class ActiveRule(FaultRule rule, int? remaining)
    {
        public FaultRule Rule { get; } = rule;
        public int? Remaining { get; set; } = remaining;
    }
}
