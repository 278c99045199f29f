using System.Globalization;

namespace Runner.Host.Web.Dashboard.Settings;

/// <summary>
/// A shipping zone's places as the shipping page writes and reads them, one a line: a country (<c>CA</c>), a region of
/// it (<c>US US-HI</c>, <c>US-HI</c>, <c>AU Tasmania</c>), either narrowed to postal codes after a colon
/// (<c>US: 94107, 95*, 96000-96199</c>), or <c>*</c> for the rest of the world. A line of countries alone may list several
/// (<c>CA, MX</c>). What the codes mean (and whether they are valid) is the API's to say.
/// </summary>
public static class ShippingPlaces
{
    public static string Format(ShippingAreaRow a) =>
        a.Country + (a.Region is { } r ? " " + r : "") + (a.PostalCodes is { } p ? ": " + string.Join(", ", p) : "");

    public static string Format(IEnumerable<ShippingAreaRow> areas) => string.Join("\n", areas.Select(Format));

    public static List<ShippingAreaRow> Parse(string? text)
    {
        var areas = new List<ShippingAreaRow>();
        foreach (var raw in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            var head = (colon < 0 ? raw : raw[..colon]).Trim();
            IReadOnlyList<string>? postal = colon < 0 ? null
                : raw[(colon + 1)..].Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (postal is null && head.Contains(','))
            {
                areas.AddRange(head.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(c => new ShippingAreaRow(c.ToUpperInvariant())));
                continue;
            }
            var words = head.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0) continue;
            var first = words[0].ToUpperInvariant();
            // US-HI alone is a region of the country its code starts with.
            if (words.Length == 1 && first.Length > 3 && first[2] == '-' && char.IsAsciiLetter(first[0]) && char.IsAsciiLetter(first[1]))
                areas.Add(new ShippingAreaRow(first[..2], first, postal));
            else
                areas.Add(new ShippingAreaRow(first, words.Length > 1 ? words[1] : null, postal));
        }
        return areas;
    }
}

/// <summary>Weights as the shipping page shows and reads them, in the store's weight unit; the API counts whole grams.</summary>
public static class Weights
{
    private static decimal GramsPer(string unit) => unit switch
    {
        "g" => 1m,
        "lb" => 453.59237m,
        "oz" => 28.349523125m,
        _ => 1000m,
    };

    /// <summary>Whole grams of <paramref name="value"/> <paramref name="unit"/>, rounded half away from zero.</summary>
    public static long Grams(decimal value, string unit) => (long)decimal.Round(value * GramsPer(unit), 0, MidpointRounding.AwayFromZero);

    /// <summary>Grams in <paramref name="unit"/> with up to 3 decimals: enough that reading it back gives the same grams.</summary>
    public static string InUnit(long grams, string unit) =>
        decimal.Round(grams / GramsPer(unit), unit == "g" ? 0 : 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture);
}
