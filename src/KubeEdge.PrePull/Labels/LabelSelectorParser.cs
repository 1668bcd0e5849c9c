using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Labels;

/// <summary>
/// Parses the Kubernetes label-selector string syntax: <c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, comma = AND; with <see cref="LabelSelectorSyntax.ApiServer"/> also
/// <c>k&gt;n</c> and <c>k&lt;n</c>. Errors name the 0-based position of the offending text. The one parser of the
/// syntax: the test kit's API server parses its <c>labelSelector</c> parameter here too.
/// </summary>
/// <remarks>
/// Like Kubernetes, <c>k=</c> (at the end or before a comma) means "k with the empty value", which the edge label
/// <c>node-role.kubernetes.io/edge=</c> needs. Unlike Kubernetes, <c>k in ()</c> and empty list items are rejected:
/// they are typos far more often than a request for the empty value.
/// </remarks>
internal ref struct LabelSelectorParser
{
    private readonly string _text;
    private readonly LabelSelectorSyntax _syntax;
    private int _pos;

    private LabelSelectorParser(string text, LabelSelectorSyntax syntax)
    {
        _text = text;
        _syntax = syntax;
    }

    public static bool TryParse(string text, LabelSelectorSyntax syntax, out List<LabelRequirement> requirements, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var parser = new LabelSelectorParser(text, syntax);
        requirements = [];
        error = null;
        parser.SkipSpaces();
        if (parser.AtEnd)
        {
            return true; // The empty selector selects everything, as in Kubernetes.
        }

        while (true)
        {
            var requirement = parser.ParseRequirement(out error);
            if (requirement is null)
            {
                // Every path that returns no requirement sets the error; this only satisfies the compiler.
                error ??= $"invalid requirement at position {parser._pos}";
                return false;
            }

            requirements.Add(requirement);
            parser.SkipSpaces();
            if (parser.AtEnd)
            {
                return true;
            }

            if (parser.Current != ',')
            {
                error = $"expected \",\" or the end after \"{requirement}\" but found \"{parser.Rest()}\" at position {parser._pos}";
                return false;
            }

            parser._pos++;
            parser.SkipSpaces();
            if (parser.AtEnd)
            {
                error = $"expected a requirement after \",\" at position {parser._pos}";
                return false;
            }
        }
    }

    private readonly bool AtEnd => _pos >= _text.Length;

    private readonly char Current => _text[_pos];

    private LabelRequirement? ParseRequirement(out string? error)
    {
        if (Current == '!')
        {
            _pos++;
            SkipSpaces();
            var negated = ReadKey(out error);
            return negated is null ? null : new LabelRequirement(negated, LabelOperator.DoesNotExist, [], "!");
        }

        var key = ReadKey(out error);
        if (key is null)
        {
            return null;
        }

        SkipSpaces();
        if (AtEnd || Current == ',')
        {
            return new LabelRequirement(key, LabelOperator.Exists, [], string.Empty);
        }

        var opStart = _pos;
        var op = ReadOperator();
        switch (op)
        {
            case "=" or "==" or "!=":
                var value = ReadSingleValue(op, out error);
                return value is null ? null : new LabelRequirement(key, op == "!=" ? LabelOperator.NotIn : LabelOperator.In, [value], op);
            case "in" or "notin":
                var values = ReadValueList(op, out error);
                return values is null ? null : new LabelRequirement(key, op == "in" ? LabelOperator.In : LabelOperator.NotIn, values, op);
            case ">" or "<" when _syntax == LabelSelectorSyntax.ApiServer:
                var bound = ReadInteger(op, out error);
                return bound is null ? null : new LabelRequirement(key, op == ">" ? LabelOperator.GreaterThan : LabelOperator.LessThan, [bound], op);
            default:
                var comparisons = _syntax == LabelSelectorSyntax.ApiServer ? ", \">\", \"<\"" : string.Empty;
                error = $"unknown operator \"{op}\" after \"{key}\" at position {opStart}; expected one of \"=\", \"==\", \"!=\", \"in\", \"notin\"{comparisons}";
                return null;
        }
    }

    private string? ReadKey(out string? error)
    {
        var start = _pos;
        var key = ReadIdentifier();
        if (key.Length == 0)
        {
            error = AtEnd ? $"expected a label key at position {start}" : $"expected a label key but found \"{Current}\" at position {start}";
            return null;
        }

        error = LabelSyntax.CheckKey(key);
        if (error is not null)
        {
            error += $" at position {start}";
            return null;
        }

        return key;
    }

    private string? ReadSingleValue(string op, out string? error)
    {
        SkipSpaces();
        var start = _pos;
        if (AtEnd || Current == ',')
        {
            error = null;
            return string.Empty;
        }

        var value = ReadIdentifier();
        if (value.Length == 0 || value is "in" or "notin")
        {
            error = $"expected a value after \"{op}\" at position {start}";
            return null;
        }

        return CheckValue(value, start, out error);
    }

    private string? ReadInteger(string op, out string? error)
    {
        SkipSpaces();
        var start = _pos;
        var value = ReadIdentifier();
        if (!LabelRequirement.TryParseInteger(value, out _))
        {
            error = value.Length == 0
                ? $"expected an integer after \"{op}\" at position {start}"
                : $"expected an integer after \"{op}\" but found \"{value}\" at position {start}";
            return null;
        }

        error = null;
        return value;
    }

    private List<string>? ReadValueList(string op, out string? error)
    {
        SkipSpaces();
        if (AtEnd || Current != '(')
        {
            error = $"expected \"(\" after \"{op}\" at position {_pos}";
            return null;
        }

        _pos++;
        var values = new List<string>();
        while (true)
        {
            SkipSpaces();
            var start = _pos;
            var value = ReadIdentifier();
            if (value.Length == 0)
            {
                error = $"expected a value in the list after \"{op}\" at position {start}";
                return null;
            }

            if (CheckValue(value, start, out error) is null)
            {
                return null;
            }

            values.Add(value);
            SkipSpaces();
            if (AtEnd)
            {
                error = $"expected \")\" to close the list after \"{op}\" at position {_pos}";
                return null;
            }

            var c = Current;
            _pos++;
            if (c == ')')
            {
                return values;
            }

            if (c != ',')
            {
                error = $"expected \",\" or \")\" in the list after \"{op}\" but found \"{c}\" at position {_pos - 1}";
                return null;
            }
        }
    }

    private static string? CheckValue(string value, int start, out string? error)
    {
        error = LabelSyntax.CheckValue(value);
        if (error is not null)
        {
            error += $" at position {start}";
            return null;
        }

        return value;
    }

    private string ReadOperator()
    {
        var start = _pos;
        if (IsSymbol(Current))
        {
            while (!AtEnd && IsSymbol(Current) && Current is '=' or '!' or '<' or '>')
            {
                _pos++;
            }

            if (_pos == start)
            {
                _pos++; // A lone '(' or ')' where an operator belongs.
            }

            return _text[start.._pos];
        }

        return ReadIdentifier();
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (!AtEnd && !char.IsWhiteSpace(Current) && !IsSymbol(Current))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private readonly string Rest() => _text[_pos..];

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _pos++;
        }
    }

    private static bool IsSymbol(char c) => c is '!' or '=' or '(' or ')' or ',' or '<' or '>';
}
