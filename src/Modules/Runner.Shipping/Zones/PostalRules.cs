using System.Numerics;

namespace Runner.Shipping.Zones;

/// <summary>How a postal rule matches: one code, every code starting with a prefix, or a range of codes of one length.</summary>
internal enum PostalRuleKind { Range, Prefix, Exact }

/// <summary>
/// One postal-code rule of a zone's area, parsed from what the merchant wrote: an exact code (<c>94107</c>,
/// <c>SW1A1AA</c>; in GB and Canada an outward code or FSA such as <c>SW1A</c> or <c>M5V</c> matches every code in it),
/// a prefix (<c>94*</c>, <c>SW1*</c>) or a range (<c>10000-14999</c>: bounds of the same length, compared character by
/// character, digits before letters). Codes and rules are compared normalised: upper case, without spaces or hyphens,
/// a US ZIP+4 as its 5-digit ZIP.
/// </summary>
internal sealed record PostalRule(PostalRuleKind Kind, string Value, string? To = null)
{
    public const int MaxLength = 20;

    /// <summary>The rule as the merchant wrote it, or null when it is not a valid pattern.</summary>
    public static PostalRule? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = new string([.. text.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
        if (t.EndsWith('*'))
        {
            var prefix = t[..^1];
            return prefix.Length is > 0 and <= MaxLength && prefix.All(IsCodeChar) ? new PostalRule(PostalRuleKind.Prefix, prefix) : null;
        }
        var dash = t.IndexOf('-');
        if (dash < 0) return t.Length <= MaxLength && t.All(IsCodeChar) ? new PostalRule(PostalRuleKind.Exact, t) : null;
        var (from, to) = (t[..dash], t[(dash + 1)..]);
        return from.Length is > 0 and <= MaxLength && from.Length == to.Length && from.All(IsCodeChar) && to.All(IsCodeChar)
            && string.CompareOrdinal(from, to) <= 0
            ? new PostalRule(PostalRuleKind.Range, from, to) : null;
    }

    /// <summary>The canonical text of the rule (what the zone stores and returns).</summary>
    public override string ToString() => Kind switch
    {
        PostalRuleKind.Prefix => Value + "*",
        PostalRuleKind.Range => $"{Value}-{To}",
        _ => Value,
    };

    /// <summary>An address's postal code as rules compare it, or "" when it has none.</summary>
    public static string Normalize(string country, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "";
        var c = new string([.. code.Where(ch => !char.IsWhiteSpace(ch) && ch != '-')]).ToUpperInvariant();
        return country == "US" && c.Length == 9 && c.All(char.IsAsciiDigit) ? c[..5] : c;
    }

    /// <summary>Whether a normalised code of <paramref name="country"/> falls under this rule.</summary>
    public bool Matches(string country, string code) => code.Length > 0 && Kind switch
    {
        PostalRuleKind.Prefix => code.StartsWith(Value, StringComparison.Ordinal),
        PostalRuleKind.Range => code.Length == Value.Length && string.CompareOrdinal(code, Value) >= 0 && string.CompareOrdinal(code, To) <= 0,
        _ => code == Value || Outward(country, code) == Value,
    };

    /// <summary>
    /// How narrow the rule is, to rank two rules that both match: an exact code, then an exact outward code or FSA, then
    /// the longer prefix, then the range covering fewer codes. Higher is narrower.
    /// </summary>
    public (int Kind, int Length, BigInteger Narrowness) Specificity(string country, string code) => Kind switch
    {
        PostalRuleKind.Exact => (code == Value ? 4 : 3, Value.Length, BigInteger.Zero),
        PostalRuleKind.Prefix => (2, Value.Length, BigInteger.Zero),
        _ => (1, Value.Length, -(Base36(To!) - Base36(Value))),
    };

    /// <summary>The outward code (GB and its crown dependencies) or forward sortation area (Canada) of a full code.</summary>
    private static string? Outward(string country, string code) => country switch
    {
        "GB" or "GG" or "JE" or "IM" when code.Length is >= 5 and <= 7 => code[..^3],
        "CA" when code.Length == 6 => code[..3],
        _ => null,
    };

    private static bool IsCodeChar(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);

    private static BigInteger Base36(string s) =>
        s.Aggregate(BigInteger.Zero, (n, c) => n * 36 + (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10));
}
