namespace Runner.Kernel.Reference;

/// <summary>
/// How a region of a country is compared across modules (tax and shipping zones, addresses): case-insensitive, with or
/// without the ISO 3166-2 country prefix, so <c>US-CA</c>, <c>CA</c> and <c>ca</c> are one region of US. Free text
/// (<c>California</c>) matches only itself, case-insensitively.
/// </summary>
public static class Regions
{
    /// <summary>The region's comparison key; empty when there is no region.</summary>
    public static string Key(string country, string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return "";
        var key = region.Trim().ToUpperInvariant();
        var prefix = country.Trim().ToUpperInvariant() + "-";
        return key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length ? key[prefix.Length..] : key;
    }

    /// <summary>True when <paramref name="region"/> is written as an ISO 3166-2 code of another country (DE-BY given for US).</summary>
    public static bool IsCodeOfAnotherCountry(string country, string region)
    {
        var code = region.Trim().ToUpperInvariant();
        return code.Length is >= 4 and <= 6 && code[2] == '-' && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1])
            && code[3..].All(char.IsAsciiLetterOrDigit) && Countries.IsKnown(code[..2])
            && !code.StartsWith(country.Trim().ToUpperInvariant() + "-", StringComparison.Ordinal);
    }
}
