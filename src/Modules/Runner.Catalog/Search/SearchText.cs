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

    /// <summary>SQLite FTS5: <c>"linen"* "shi"*</c>.</summary>
    public static string Fts5(IReadOnlyList<string> words) => string.Join(' ', words.Select(w => $"\"{w}\"*"));

    /// <summary>PostgreSQL tsquery: <c>linen:* &amp; shi:*</c>.</summary>
    public static string TsQuery(IReadOnlyList<string> words) => string.Join(" & ", words.Select(w => w + ":*"));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
