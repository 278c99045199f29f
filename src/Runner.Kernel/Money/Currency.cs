using System.Collections.Frozen;
using Runner.Kernel.Reference;

namespace Runner.Kernel;

/// <summary>An ISO 4217 currency: its code and how many decimals its minor unit has (JPY 0, USD 2, KWD 3).</summary>
public sealed record Currency(string Code, string Numeric, int MinorUnits, string Name)
{
    private static readonly FrozenDictionary<string, Currency> ByCode = EmbeddedCsv.Read("iso4217.csv")
        .Select(f => new Currency(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3]))
        .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<Currency> All => ByCode.Values;

    /// <summary>Finds a currency by its upper-case ISO code. Lower case is refused: codes are canonical.</summary>
    public static bool TryGet(string? code, out Currency currency)
    {
        currency = null!;
        return code is { Length: 3 } && ByCode.TryGetValue(code, out currency!);
    }

    public static Currency Get(string code) =>
        TryGet(code, out var c) ? c : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    public static bool IsKnown(string? code) => TryGet(code, out _);

    /// <summary>10^MinorUnits: how many minor units make one major unit.</summary>
    public long Factor => MinorUnits switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, 4 => 10000, _ => (long)Math.Pow(10, MinorUnits) };
}
