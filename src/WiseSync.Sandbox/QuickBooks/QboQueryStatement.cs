namespace WiseSync.Sandbox.QuickBooks;

/// <summary>
/// The subset of the QBO query language (reference Part 2.6) the emulator understands:
/// <c>select * | count(*) from Entity [where a op v (and …)*] [orderby f [asc|desc]] [startposition n] [maxresults m]</c>
/// with =, &lt;, &gt;, &lt;=, &gt;=, in, like. OR, JOIN and projections are refused as QBO refuses them.
/// </summary>
internal sealed record QboQueryStatement(
    string Entity,
    bool Count,
    IReadOnlyList<QboCondition> Conditions,
    string? OrderBy,
    bool Descending,
    int StartPosition,
    int MaxResults)
{
    public const int DefaultMaxResults = 100;
    public const int MaxAllowedResults = 1000;

    public static QboQueryStatement Parse(string text)
    {
        var tokens = Tokenize(text);
        var pos = 0;

        string Next() => pos < tokens.Count ? tokens[pos++] : throw QboFaultException.Parse("unexpected end of query");
        string? Peek() => pos < tokens.Count ? tokens[pos] : null;
        bool Is(string? token, string keyword) => string.Equals(token, keyword, StringComparison.OrdinalIgnoreCase);
        void Expect(string keyword)
        {
            var token = Next();
            if (!Is(token, keyword))
            {
                throw QboFaultException.Parse($"expected {keyword} but found {token}");
            }
        }

        Expect("select");
        var count = false;
        var what = Next();
        if (Is(what, "count"))
        {
            Expect("(");
            Expect("*");
            Expect(")");
            count = true;
        }
        else if (what != "*")
        {
            throw QboFaultException.Parse("only select * and count(*) are supported");
        }

        Expect("from");
        var entity = Next();
        var conditions = new List<QboCondition>();
        string? orderBy = null;
        var descending = false;
        var start = 1;
        var max = DefaultMaxResults;

        if (Is(Peek(), "where"))
        {
            pos++;
            while (true)
            {
                var field = Next();
                var op = Next().ToLowerInvariant();
                if (op is "<" or ">" && (Peek() == "=" || (op == "<" && Peek() == ">")))
                {
                    op += Next();
                }

                if (op is not ("=" or "<" or ">" or "<=" or ">=" or "!=" or "<>" or "in" or "like"))
                {
                    throw QboFaultException.Parse($"operator {op} is not supported");
                }

                var values = new List<string?>();
                if (op == "in")
                {
                    Expect("(");
                    while (true)
                    {
                        values.Add(ReadValue(Next()));
                        var sep = Next();
                        if (sep == ")")
                        {
                            break;
                        }

                        if (sep != ",")
                        {
                            throw QboFaultException.Parse($"expected , or ) but found {sep}");
                        }
                    }
                }
                else
                {
                    values.Add(ReadValue(Next()));
                }

                conditions.Add(new QboCondition(field, op, values));
                if (Is(Peek(), "and"))
                {
                    pos++;
                    continue;
                }

                if (Is(Peek(), "or"))
                {
                    throw QboFaultException.Parse("OR is not supported");
                }

                break;
            }
        }

        while (Peek() is { } token)
        {
            pos++;
            if (Is(token, "orderby") || Is(token, "order"))
            {
                if (Is(token, "order"))
                {
                    Expect("by");
                }

                orderBy = Next();
                if (Is(Peek(), "desc") || Is(Peek(), "asc"))
                {
                    descending = Is(Next(), "desc");
                }
            }
            else if (Is(token, "startposition"))
            {
                start = ParseInt(Next());
            }
            else if (Is(token, "maxresults"))
            {
                max = ParseInt(Next());
                if (max > MaxAllowedResults)
                {
                    throw QboFaultException.Parse($"value {max} is too large. Max allowed value is {MaxAllowedResults}");
                }
            }
            else
            {
                throw QboFaultException.Parse($"unexpected token {token}");
            }
        }

        return new QboQueryStatement(entity, count, conditions, orderBy, descending, Math.Max(1, start), Math.Max(1, max));
    }

    /// <summary>Whether the statement filters on the field (so the default "active only" rule does not apply).</summary>
    public bool Mentions(string field) => Conditions.Any(c => string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase));

    private static int ParseInt(string token) =>
        int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw QboFaultException.Parse($"{token} is not a number");

    private static string? ReadValue(string token) =>
        token.StartsWith('\u0001') ? token[1..] : token;

    // String literals come back prefixed with \u0001 so that a quoted 'and' is never read as a keyword.
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var sb = new StringBuilder("\u0001");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw QboFaultException.Parse("unterminated string literal");
                    }

                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        sb.Append(text[i + 1]);
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }

                tokens.Add(sb.ToString());
            }
            else if (c is '\u2018' or '\u2019' or '\u201C' or '\u201D')
            {
                // Typographic quotes break Intuit's parser (reference Part 2.4).
                throw QboFaultException.Parse("invalid character in query");
            }
            else if ("(),*=<>!".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !"(),*=<>!'".Contains(text[i], StringComparison.Ordinal))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}

/// <summary>One condition: a field path (e.g. MetaData.LastUpdatedTime, CustomerRef), an operator and its values.</summary>
internal sealed record QboCondition(string Field, string Operator, IReadOnlyList<string?> Values)
{
    public bool Matches(JsonObject entity)
    {
        var actual = Resolve(entity, Field);
        if (actual is null)
        {
            return false;
        }

        return Operator switch
        {
            "=" => Values.Any(v => Compare(actual, v) == 0),
            "in" => Values.Any(v => Compare(actual, v) == 0),
            "!=" or "<>" => Values.All(v => Compare(actual, v) != 0),
            "<" => Compare(actual, Values[0]) < 0,
            ">" => Compare(actual, Values[0]) > 0,
            "<=" => Compare(actual, Values[0]) <= 0,
            ">=" => Compare(actual, Values[0]) >= 0,
            "like" => Like(actual, Values[0] ?? string.Empty),
            _ => false,
        };
    }

    /// <summary>A field's value as text; a reference (CustomerRef) compares by its value.</summary>
    public static string? Resolve(JsonObject entity, string path)
    {
        JsonNode? node = entity;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? Find(obj, part) : null;
        }

        if (node is JsonObject reference && reference["value"] is { } value)
        {
            node = value;
        }

        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue<decimal>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            JsonValue v => v.ToString(),
            _ => null,
        };
    }

    private static JsonNode? Find(JsonObject obj, string name)
    {
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static int Compare(string actual, string? expected)
    {
        if (expected is null)
        {
            return 1;
        }

        if (decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var b))
        {
            return a.CompareTo(b);
        }

        if (actual.Length >= 10 && expected.Length >= 10 && actual[4] == '-' && expected[4] == '-'
            && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
            && DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
        {
            return da.CompareTo(db);
        }

        return string.Compare(actual, expected, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Like(string actual, string pattern)
    {
        var parts = pattern.Split('%');
        if (parts.Length == 1)
        {
            return string.Equals(actual, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var index = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                continue;
            }

            var found = actual.IndexOf(part, index, StringComparison.OrdinalIgnoreCase);
            if (found < 0 || (i == 0 && found != 0))
            {
                return false;
            }

            index = found + part.Length;
        }

        return parts[^1].Length == 0 || actual.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase);
    }
}
