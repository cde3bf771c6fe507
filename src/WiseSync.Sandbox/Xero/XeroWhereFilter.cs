namespace WiseSync.Sandbox.Xero;

/// <summary>
/// The part of Xero's <c>where</c> syntax integrations use: <c>Field=="text"</c>, <c>Field!=null</c>,
/// <c>Field==true</c>, joined with <c>&amp;&amp;</c>/<c>AND</c> and <c>||</c>/<c>OR</c>, with parentheses
/// (reference/accounting-apis.md §1.4). Comparisons of text are exact, as Xero's <c>==</c> is.
/// </summary>
internal sealed class XeroWhereFilter
{
    private readonly Node _root;

    private XeroWhereFilter(Node root) => _root = root;

    /// <summary>
    /// Reads an optional where clause: true with a null filter when there is none, false with Xero's
    /// "post data invalid" answer when it does not parse.
    /// </summary>
    public static bool TryParse(string? text, out XeroWhereFilter? filter, out XeroResponse? invalid)
    {
        filter = null;
        invalid = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        try
        {
            filter = Parse(text);
            return true;
        }
        catch (FormatException ex)
        {
            invalid = XeroResponse.PostDataInvalid(ex.Message);
            return false;
        }
    }

    /// <summary>Parses a where clause; throws <see cref="FormatException"/> with a Xero-like message when it cannot.</summary>
    public static XeroWhereFilter Parse(string text)
    {
        var parser = new Parser(text);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new FormatException($"Operator '{parser.Rest}' is not supported in the where clause");
        }

        return new XeroWhereFilter(node);
    }

    /// <summary>Evaluates the clause; <paramref name="field"/> returns a field's value (string, bool or null).</summary>
    public bool Matches(Func<string, object?> field) => _root.Evaluate(field);

    /// <summary>
    /// Whether the clause is what Xero serves on a large organisation: only <c>==</c> on <paramref name="fields"/>,
    /// joined by AND (an OR or a <c>!=</c> is not optimised).
    /// </summary>
    public bool IsOptimised(IReadOnlySet<string> fields) => Optimised(_root, fields);

    private static bool Optimised(Node node, IReadOnlySet<string> fields) => node switch
    {
        And and => Optimised(and.Left, fields) && Optimised(and.Right, fields),
        Compare compare => compare.Equal && fields.Contains(compare.Field),
        _ => false,
    };

    private abstract record Node
    {
        public abstract bool Evaluate(Func<string, object?> field);
    }

    private sealed record Or(Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<string, object?> field) => Left.Evaluate(field) || Right.Evaluate(field);
    }

    private sealed record And(Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<string, object?> field) => Left.Evaluate(field) && Right.Evaluate(field);
    }

    private sealed record Compare(string Field, bool Equal, object? Value) : Node
    {
        public override bool Evaluate(Func<string, object?> field)
        {
            var actual = field(Field);
            var same = Value switch
            {
                null => actual is null,
                bool b => actual is bool a && a == b,
                string s => actual is string a && string.Equals(a, s, StringComparison.Ordinal),
                _ => false,
            };
            return Equal ? same : !same;
        }
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public string Rest => text[_at..];

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (TryTake("||") || TryTakeWord("OR"))
            {
                left = new Or(left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseAtom();
            while (TryTake("&&") || TryTakeWord("AND"))
            {
                left = new And(left, ParseAtom());
            }

            return left;
        }

        private Node ParseAtom()
        {
            SkipSpace();
            if (TryTake("("))
            {
                var inner = ParseOr();
                if (!TryTake(")"))
                {
                    throw new FormatException("Missing ')' in the where clause");
                }

                return inner;
            }

            var start = _at;
            while (!AtEnd && (char.IsLetterOrDigit(text[_at]) || text[_at] == '.' || text[_at] == '_'))
            {
                _at++;
            }

            var field = text[start.._at];
            if (field.Length == 0)
            {
                throw new FormatException($"Expected a field name at position {start} of the where clause");
            }

            bool equal;
            if (TryTake("=="))
            {
                equal = true;
            }
            else if (TryTake("!="))
            {
                equal = false;
            }
            else
            {
                throw new FormatException($"Operator '{Rest}' is not supported in the where clause");
            }

            return new Compare(field, equal, ParseValue());
        }

        private object? ParseValue()
        {
            SkipSpace();
            if (TryTakeWord("null"))
            {
                return null;
            }

            if (TryTakeWord("true"))
            {
                return true;
            }

            if (TryTakeWord("false"))
            {
                return false;
            }

            if (AtEnd || text[_at] != '"')
            {
                throw new FormatException("Expected a quoted value in the where clause");
            }

            _at++;
            var value = new StringBuilder();
            while (!AtEnd && text[_at] != '"')
            {
                if (text[_at] == '\\' && _at + 1 < text.Length)
                {
                    _at++;
                }

                value.Append(text[_at]);
                _at++;
            }

            if (AtEnd)
            {
                throw new FormatException("Unterminated string in the where clause");
            }

            _at++;
            return value.ToString();
        }

        private bool TryTake(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) == 0)
            {
                _at += token.Length;
                return true;
            }

            return false;
        }

        private bool TryTakeWord(string word)
        {
            SkipSpace();
            var end = _at + word.Length;
            if (end <= text.Length
                && string.Compare(text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                _at = end;
                return true;
            }

            return false;
        }
    }
}
