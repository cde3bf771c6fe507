namespace WiseSync.Sandbox.ConnectWise;

/// <summary>
/// ConnectWise's SQL-like <c>conditions</c> (developer docs, "Conditions"): <c>field op value</c> clauses joined with
/// <c>and</c> / <c>or</c>, grouped with parentheses, negated with <c>not</c>. Values: "strings", numbers, true/false,
/// null, [dates]; operators <c>= != &lt; &lt;= &gt; &gt;= like contains in (…) not in (…)</c>; fields address references with
/// '/', e.g. <c>status/isClosed = true</c>. Evaluated against the record's JSON as the API returns it.
/// </summary>
internal static class CwConditionParser
{
    /// <summary>Parses conditions into a predicate; throws <see cref="FormatException"/> with the reason when they are invalid.</summary>
    public static Func<JsonObject, bool> Parse(string? conditions)
    {
        if (string.IsNullOrWhiteSpace(conditions))
        {
            return _ => true;
        }

        var parser = new Parser(Tokenize(conditions));
        var predicate = parser.ParseOr();
        parser.ExpectEnd();
        return predicate;
    }

    private enum Kind { Word, String, Number, Date, Op, Open, Close, Comma, End }

    private readonly record struct Token(Kind Kind, string Text);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            switch (c)
            {
                case '(': tokens.Add(new(Kind.Open, "(")); i++; continue;
                case ')': tokens.Add(new(Kind.Close, ")")); i++; continue;
                case ',': tokens.Add(new(Kind.Comma, ",")); i++; continue;
                case '"' or '\'':
                {
                    var sb = new StringBuilder();
                    var quote = c;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw new FormatException("unterminated string in conditions");
                        if (text[i] == '\\' && i + 1 < text.Length) { sb.Append(text[i + 1]); i += 2; continue; }
                        if (text[i] == quote) { i++; break; }
                        sb.Append(text[i++]);
                    }

                    tokens.Add(new(Kind.String, sb.ToString()));
                    continue;
                }

                case '[':
                {
                    var end = text.IndexOf(']', i);
                    if (end < 0) throw new FormatException("unterminated [date] in conditions");
                    tokens.Add(new(Kind.Date, text[(i + 1)..end].Trim()));
                    i = end + 1;
                    continue;
                }

                case '=': tokens.Add(new(Kind.Op, "=")); i++; continue;
                case '!' when i + 1 < text.Length && text[i + 1] == '=': tokens.Add(new(Kind.Op, "!=")); i += 2; continue;
                case '<' or '>':
                {
                    if (i + 1 < text.Length && text[i + 1] == '=') { tokens.Add(new(Kind.Op, c + "=")); i += 2; }
                    else if (c == '<' && i + 1 < text.Length && text[i + 1] == '>') { tokens.Add(new(Kind.Op, "!=")); i += 2; }
                    else { tokens.Add(new(Kind.Op, c.ToString())); i++; }
                    continue;
                }
            }

            if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
                tokens.Add(new(Kind.Number, text[start..i]));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '/' or '.')) i++;
                tokens.Add(new(Kind.Word, text[start..i]));
                continue;
            }

            throw new FormatException($"unexpected character '{c}' at position {i} in conditions");
        }

        tokens.Add(new(Kind.End, string.Empty));
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _pos;

        private Token Peek => tokens[_pos];

        public void ExpectEnd()
        {
            if (Peek.Kind != Kind.End) throw new FormatException($"unexpected '{Peek.Text}' in conditions");
        }

        public Func<JsonObject, bool> ParseOr() => ParseChain("or", ParseAnd, static (l, r) => o => l(o) || r(o));

        private Func<JsonObject, bool> ParseAnd() => ParseChain("and", ParseUnary, static (l, r) => o => l(o) && r(o));

        // operand (word operand)*, folded from the left.
        private Func<JsonObject, bool> ParseChain(
            string word,
            Func<Func<JsonObject, bool>> operand,
            Func<Func<JsonObject, bool>, Func<JsonObject, bool>, Func<JsonObject, bool>> combine)
        {
            var left = operand();
            while (IsWord(word))
            {
                _pos++;
                left = combine(left, operand());
            }

            return left;
        }

        private Func<JsonObject, bool> ParseUnary()
        {
            if (IsWord("not"))
            {
                _pos++;
                var inner = ParseUnary();
                return o => !inner(o);
            }

            if (Peek.Kind == Kind.Open)
            {
                _pos++;
                var inner = ParseOr();
                if (Peek.Kind != Kind.Close) throw new FormatException("missing ')' in conditions");
                _pos++;
                return inner;
            }

            return ParseComparison();
        }

        private Func<JsonObject, bool> ParseComparison()
        {
            if (Peek.Kind != Kind.Word) throw new FormatException($"expected a field name, found '{Peek.Text}'");
            var path = tokens[_pos++].Text.Split('/');
            var negate = false;
            if (IsWord("not"))
            {
                negate = true;
                _pos++;
            }

            if (IsWord("in"))
            {
                _pos++;
                if (Peek.Kind != Kind.Open) throw new FormatException("expected '(' after 'in'");
                _pos++;
                var values = new List<Token>();
                while (Peek.Kind != Kind.Close)
                {
                    values.Add(ParseValue());
                    if (Peek.Kind == Kind.Comma) _pos++;
                    else if (Peek.Kind != Kind.Close) throw new FormatException("expected ',' or ')' in 'in' list");
                }

                _pos++;
                return o =>
                {
                    var node = Resolve(o, path);
                    return values.Any(v => Compare(node, v) == 0) != negate;
                };
            }

            if (IsWord("like") || IsWord("contains"))
            {
                var op = tokens[_pos++].Text.ToLowerInvariant();
                var value = ParseValue();
                var pattern = op == "contains" ? "%" + value.Text + "%" : value.Text;
                return o => Like(Resolve(o, path), pattern) != negate;
            }

            if (negate) throw new FormatException("'not' must be followed by 'in', 'like' or 'contains'");
            if (Peek.Kind != Kind.Op) throw new FormatException($"expected an operator after '{string.Join('/', path)}', found '{Peek.Text}'");
            var opText = tokens[_pos++].Text;
            var operand = ParseValue();
            return o =>
            {
                var node = Resolve(o, path);
                if (operand.Kind == Kind.Word && operand.Text.Equals("null", StringComparison.OrdinalIgnoreCase))
                {
                    return opText switch { "=" => node is null, "!=" => node is not null, _ => false };
                }

                var cmp = Compare(node, operand);
                return opText switch
                {
                    "=" => cmp == 0,
                    "!=" => cmp != 0,
                    "<" => cmp is < 0 and not int.MinValue,
                    "<=" => cmp is <= 0 and not int.MinValue,
                    ">" => cmp is > 0 and not int.MaxValue,
                    ">=" => cmp is >= 0 and not int.MaxValue,
                    _ => false,
                };
            };
        }

        private Token ParseValue()
        {
            var t = Peek;
            if (t.Kind is Kind.String or Kind.Number or Kind.Date
                || (t.Kind == Kind.Word && (t.Text.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("false", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("null", StringComparison.OrdinalIgnoreCase))))
            {
                _pos++;
                if (t.Kind == Kind.Date && !TryDate(t.Text, out _)) throw new FormatException($"'[{t.Text}]' is not a date");
                return t;
            }

            throw new FormatException($"expected a value, found '{t.Text}'");
        }

        private bool IsWord(string word) => Peek.Kind == Kind.Word && Peek.Text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonNode? Resolve(JsonObject record, string[] path)
    {
        JsonNode? node = record;
        foreach (var segment in path)
        {
            if (node is not JsonObject obj) return null;
            node = obj.FirstOrDefault(p => p.Key.Equals(segment, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return node;
    }

    /// <summary>Compares a record value with a literal; int.MinValue / int.MaxValue mean "not comparable" (null or wrong type).</summary>
    private static int Compare(JsonNode? node, Token literal)
    {
        if (node is not JsonValue value) return int.MinValue;
        switch (literal.Kind)
        {
            case Kind.Number:
                if (!decimal.TryParse(literal.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) return int.MinValue;
                return Number(value) is { } d ? d.CompareTo(n) : int.MinValue;
            case Kind.Date:
                TryDate(literal.Text, out var lit);
                return value.TryGetValue<string>(out var ds) && TryDate(ds, out var dv) ? dv.CompareTo(lit) : int.MinValue;
            case Kind.Word when literal.Text.Equals("true", StringComparison.OrdinalIgnoreCase) || literal.Text.Equals("false", StringComparison.OrdinalIgnoreCase):
                var b = literal.Text.Equals("true", StringComparison.OrdinalIgnoreCase);
                return value.TryGetValue<bool>(out var vb) ? (vb == b ? 0 : 1) : int.MinValue;
            default:
                // SQL Server's default collation compares strings case-insensitively.
                return value.TryGetValue<string>(out var vs) ? string.Compare(vs, literal.Text, StringComparison.OrdinalIgnoreCase)
                    : Number(value) is { } vd ? string.Compare(vd.ToString(CultureInfo.InvariantCulture), literal.Text, StringComparison.OrdinalIgnoreCase)
                    : int.MinValue;
        }
    }

    /// <summary>The number a JSON value holds (whatever CLR type backs it), or a number written as a string.</summary>
    internal static decimal? Number(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        System.Text.Json.JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static bool Like(JsonNode? node, string pattern)
    {
        if (node is not JsonValue value) return false;
        var text = value.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        var regex = "^" + string.Concat(pattern.Select(ch => ch switch { '%' => ".*", '_' => ".", _ => System.Text.RegularExpressions.Regex.Escape(ch.ToString()) })) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(text, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);
    }

    private static bool TryDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
