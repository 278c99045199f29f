using Runner.Kernel;

namespace Runner.Tests.Kernel;

public class MoneyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void Currency_MinorUnits_ComeFromTheIsoTable(string code, int minorUnits) =>
        Assert.Equal(minorUnits, Currency.Get(code).MinorUnits);

    [Theory]
    [InlineData("usd")]
    [InlineData("XXXX")]
    [InlineData("ZZZ")]
    [InlineData("")]
    [InlineData(null)]
    public void Currency_UnknownOrNonCanonicalCode_IsRefused(string? code) => Assert.False(Currency.IsKnown(code));

    [Fact]
    public void Add_SameCurrency_AddsMinorUnits() =>
        Assert.Equal(new Money(7450, "USD"), new Money(4900, "USD") + new Money(2550, "USD"));

    [Fact]
    public void Add_DifferentCurrencies_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, "USD") + new Money(1, "EUR"));

    [Fact]
    public void Multiply_BeyondInt32_StaysExact() =>
        Assert.Equal(5_000_000_000_000L, (new Money(2_500_000_000, "USD") * 2000).Minor);

    [Fact]
    public void Multiply_Overflow_Throws() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2, "USD") * 3);

    [Theory]
    [InlineData(4900, "USD", "49.00 USD")]
    [InlineData(4900, "JPY", "4900 JPY")]
    [InlineData(4900, "KWD", "4.900 KWD")]
    public void ToString_UsesTheCurrencyDecimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, new Money(minor, currency).ToString());

    [Theory]
    [InlineData(1000, "USD", "EUR", "0.92", 920)]     // 10.00 USD → 9.20 EUR
    [InlineData(1000, "USD", "JPY", "151.37", 1514)]  // 10.00 USD → 1513.7 JPY → 1514 (no decimals)
    [InlineData(1000, "USD", "KWD", "0.3075", 3075)]  // 10.00 USD → 3.075 KWD
    [InlineData(1999, "USD", "EUR", "0.5", 1000)]     // 9.995 EUR: half rounds away from zero
    [InlineData(5000, "JPY", "USD", "0.0066", 3300)]  // 5000 JPY → 33.00 USD
    public void ConvertTo_RoundsOnceToTheTargetMinorUnit(long minor, string from, string to, string rate, long expected) =>
        Assert.Equal(new Money(expected, to), new Money(minor, from).ConvertTo(to, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ConvertTo_NonPositiveRate_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(100, "USD").ConvertTo("EUR", 0));

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(-0.5, -1)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 3)]
    [InlineData(2.4999, 2)]
    public void Rounding_HalfAwayFromZero(double exact, long expected) =>
        Assert.Equal(expected, Rounding.ToMinor((decimal)exact));

    [Fact]
    public void Allocate_PartsAlwaysAddUpToTheTotal()
    {
        var parts = new Money(1000, "USD").Allocate([1, 1, 1]);
        Assert.Equal([334, 333, 333], parts.Select(p => p.Minor));
        Assert.Equal(1000, parts.Sum(p => p.Minor));
    }

    [Fact]
    public void Allocate_NegativeTotals_AddUpToo()
    {
        var parts = Rounding.Allocate(-1001, [2, 1, 1]);
        Assert.Equal(-1001, parts.Sum());
    }

    [Fact]
    public void FromMajor_RoundsToTheMinorUnit() => Assert.Equal(new Money(1235, "USD"), Money.FromMajor(12.345m, "USD"));
}
