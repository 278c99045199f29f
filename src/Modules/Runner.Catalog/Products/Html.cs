using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Runner.Catalog.Products;

/// <summary>
/// Product and collection descriptions are HTML written by merchants (or pasted from elsewhere). They are
/// sanitized on input (no scripts, event handlers, javascript: URLs or styles that load resources), so every
/// storefront can render them as they are.
/// </summary>
internal static class Html
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();
    private static readonly HtmlParser Parser = new();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer;
    }

    public static string Sanitize(string? html) => string.IsNullOrWhiteSpace(html) ? "" : Sanitizer.Sanitize(html).Trim();

    /// <summary>
    /// The text of an HTML fragment, whitespace collapsed: what search indexes. Every tag counts as a word break, so
    /// "&lt;li&gt;Linen&lt;/li&gt;&lt;li&gt;Cotton&lt;/li&gt;" gives "Linen Cotton", not "LinenCotton".
    /// </summary>
    public static string ToText(string html)
    {
        if (html.Length == 0) return "";
        var text = Parser.ParseDocument("<body>" + html.Replace("<", " <", StringComparison.Ordinal) + "</body>").Body?.TextContent ?? "";
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
