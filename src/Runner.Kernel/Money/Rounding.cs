namespace Runner.Kernel;

/// <summary>
/// The one place Runner rounds money. Amounts round half away from zero to a whole minor unit
/// (the convention of card networks, tax authorities and most shop receipts: 0.5 cent → 1 cent).
/// </summary>
public static class Rounding
{
    public const MidpointRounding Mode = MidpointRounding.AwayFromZero;

    public static long ToMinor(decimal exactMinor) => checked((long)decimal.Round(exactMinor, 0, Mode));

    /// <summary>
    /// <paramref name="percent"/> % of <paramref name="minor"/>, rounded once: the tax added to a tax-exclusive amount
    /// (1999 at 8.875 % → 177.41125 → 177). Decimal arithmetic on long minor units, exact beyond 2^31.
    /// </summary>
    public static long Percent(long minor, decimal percent) => ToMinor(minor * percent / 100m);

    /// <summary>
    /// The tax contained in a tax-inclusive <paramref name="gross"/> at <paramref name="percent"/> %:
    /// gross − round(gross / (1 + percent / 100)), so that net + tax is the gross exactly (1200 at 20 % → 200).
    /// </summary>
    public static long IncludedPercent(long gross, decimal percent) => gross - ToMinor(gross / (1m + percent / 100m));

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> so that the parts add up to the
    /// total exactly; the remainder left by rounding down goes one unit at a time to the largest fractions.
    /// </summary>
    public static long[] Allocate(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) return [];
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        decimal sum = weights.Sum(w => (decimal)w);
        var parts = new long[weights.Count];
        if (sum == 0)
        {
            parts[0] = total;
            return parts;
        }
        var fractions = new (decimal Fraction, int Index)[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * (weights[i] / sum);
            parts[i] = (long)decimal.Truncate(exact);
            allocated += parts[i];
            fractions[i] = (Math.Abs(exact - parts[i]), i);
        }
        var remainder = total - allocated;
        var step = Math.Sign(remainder);
        foreach (var (_, index) in fractions.OrderByDescending(f => f.Fraction).ThenBy(f => f.Index))
        {
            if (remainder == 0) break;
            parts[index] += step;
            remainder -= step;
        }
        return parts;
    }
}
