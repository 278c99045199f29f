using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Runner.Kernel.Text;

/// <summary>
/// Handles are the URL slugs of products, collections and channels: lower-case ASCII letters and digits joined by
/// single hyphens (<c>linen-shirt-blue</c>), at most 255 characters.
/// </summary>
public static partial class Handles
{
    public const int MaxLength = 255;

    /// <summary>Derives a handle from a title: accents dropped, symbols become hyphens ("Crème Brûlée & Co." → "creme-brulee-co").</summary>
    public static string From(string title)
    {
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var hyphen = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(Fold(c));
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(lower);
                hyphen = false;
            }
            else if (lower is 'ß') { sb.Append("ss"); hyphen = false; }
            else if (lower is 'æ') { sb.Append("ae"); hyphen = false; }
            else if (lower is 'ø') { sb.Append('o'); hyphen = false; }
            else if (!hyphen && sb.Length > 0)
            {
                sb.Append('-');
                hyphen = true;
            }
        }
        var handle = sb.ToString().Trim('-');
        if (handle.Length > MaxLength) handle = handle[..MaxLength].TrimEnd('-');
        return handle;
    }

    private static char Fold(char c) => c switch { 'Ł' or 'ł' => 'l', 'Đ' or 'đ' => 'd', _ => c };

    public static bool IsValid(string? handle) =>
        handle is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(handle);

    /// <summary>The next candidate when a handle is taken: shirt → shirt-2 → shirt-3.</summary>
    public static string WithSuffix(string handle, int n)
    {
        var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
        var head = handle.Length + suffix.Length > MaxLength ? handle[..(MaxLength - suffix.Length)].TrimEnd('-') : handle;
        return head + suffix;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
