using System.Text.RegularExpressions;

namespace Runner.Catalog.Search;

/// <summary>
/// Turns what a shopper typed into a safe full-text query: words only (no operators can be injected), each word a
/// prefix, all words required. "linen shi" finds "Linen Shirt".
/// </summary>
internal static partial class SearchText
{
    public const int MaxWords = 10;

    public static IReadOnlyList<string> Words(string? query) =>
        query is null ? [] : [.. WordPattern().Matches(query).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(MaxWords)];

    /// <summary>
    /// Every word of an indexed text, split the way queries are split, so a SKU like "LS-42" is indexed as "LS 42"
    /// on both databases (PostgreSQL's parser would otherwise read "-42" as a signed number).
    /// </summary>
    public static string Index(IEnumerable<string?> parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)).SelectMany(p => WordPattern().Matches(p!).Select(m => m.Value)));

    /// <summary>SQLite FTS5: <c>"linen"* "shi"*</c>.</summary>
    public static string Fts5(IReadOnlyList<string> words) => string.Join(' ', words.Select(w => $"\"{w}\"*"));

    /// <summary>PostgreSQL tsquery: <c>linen:* &amp; shi:*</c>.</summary>
    public static string TsQuery(IReadOnlyList<string> words) => string.Join(" & ", words.Select(w => w + ":*"));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
