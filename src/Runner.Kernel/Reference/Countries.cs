using System.Collections.Frozen;

namespace Runner.Kernel.Reference;

public sealed record Country(string Alpha2, string Alpha3, string Numeric, string Name, string Region, string SubRegion);

/// <summary>ISO 3166-1 countries, embedded in the build (no network, no database needed).</summary>
public static class Countries
{
    private static readonly FrozenDictionary<string, Country> ByAlpha2 = EmbeddedCsv.Read("iso3166.csv")
        .Select(f => new Country(f[0], f[1], f[2], f[3], f[4], f[5]))
        .ToFrozenDictionary(c => c.Alpha2, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<Country> All => ByAlpha2.Values;

    public static bool TryGet(string? alpha2, out Country country)
    {
        country = null!;
        return alpha2 is { Length: 2 } && ByAlpha2.TryGetValue(alpha2, out country!);
    }

    public static bool IsKnown(string? alpha2) => TryGet(alpha2, out _);
}
