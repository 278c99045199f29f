using System.Globalization;
using System.Text.Json.Serialization;
using CurrencyInfo = Runner.Kernel.Currency;

namespace Runner.Kernel;

/// <summary>
/// An amount of one currency in integer minor units (cents, yen, fils). Never a floating-point number:
/// arithmetic is checked, and every rounding goes through <see cref="Rounding"/>.
/// </summary>
public readonly record struct Money(
    [property: JsonPropertyName("amount"), JsonRequired] long Minor,
    [property: JsonPropertyName("currency"), JsonRequired] string Currency)
{
    /// <summary>The largest amount Runner accepts in any field: 10^15 minor units (10 trillion dollars).</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Same(a).Minor), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Same(a).Minor), a.Currency);
    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);
    public static Money operator *(Money a, long quantity) => new(checked(a.Minor * quantity), a.Currency);

    public static bool operator <(Money a, Money b) => a.Minor < b.Same(a).Minor;
    public static bool operator >(Money a, Money b) => a.Minor > b.Same(a).Minor;
    public static bool operator <=(Money a, Money b) => a.Minor <= b.Same(a).Minor;
    public static bool operator >=(Money a, Money b) => a.Minor >= b.Same(a).Minor;

    private Money Same(Money other) => Currency == other.Currency
        ? this
        : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");

    /// <summary>The amount in major units as an exact decimal (4900 USD → 49.00).</summary>
    public decimal ToMajor() => (decimal)Minor / CurrencyInfo.Get(Currency).Factor;

    /// <summary>Builds money from a major-unit decimal, rounding to the currency's minor unit.</summary>
    public static Money FromMajor(decimal major, string currency) =>
        new(Rounding.ToMinor(major * CurrencyInfo.Get(currency).Factor), currency);

    /// <summary>
    /// Converts to another currency at <paramref name="rate"/> (units of <paramref name="target"/> per one unit of
    /// this currency), honouring both currencies' minor units, rounded once.
    /// </summary>
    public Money ConvertTo(string target, decimal rate)
    {
        if (rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate), "An exchange rate must be positive.");
        var from = CurrencyInfo.Get(Currency);
        var to = CurrencyInfo.Get(target);
        var exact = (decimal)Minor * rate * to.Factor / from.Factor;
        return new Money(Rounding.ToMinor(exact), target);
    }

    /// <summary>Splits the amount into parts proportional to <paramref name="weights"/>; the parts add up exactly.</summary>
    public Money[] Allocate(IReadOnlyList<long> weights)
    {
        var currency = Currency;
        return [.. Rounding.Allocate(Minor, weights).Select(m => new Money(m, currency))];
    }

    public override string ToString()
    {
        var c = CurrencyInfo.Get(Currency);
        return ToMajor().ToString("F" + c.MinorUnits, CultureInfo.InvariantCulture) + " " + Currency;
    }
}
