using Runner.Kernel;
using Runner.Pricing.Taxes;

namespace Runner.Tests.Pricing;

public class TaxMathTests
{
    private static readonly AppliedRate NyState = new("NY State Tax", 4m);
    private static readonly AppliedRate NyCity = new("NYC Tax", 4.875m);

    [Theory]
    [InlineData(1999, 8.875, 177)]      // 177.41125
    [InlineData(10, 5, 1)]              // 0.5 rounds away from zero
    [InlineData(-10, 5, -1)]            // and so does -0.5 (a refund mirrors the sale)
    [InlineData(30, 5, 2)]              // 1.5
    [InlineData(29, 5, 1)]              // 1.45
    [InlineData(0, 20, 0)]
    [InlineData(5_000_000_000, 8.875, 443_750_000)]
    [InlineData(999_999_999_999_999, 7.25, 72_500_000_000_000)] // 72 499 999 999 999.93 → exact beyond 2^53 too
    public void Percent_RoundsOnceHalfAwayFromZero(long minor, double percent, long expected) =>
        Assert.Equal(expected, Rounding.Percent(minor, (decimal)percent));

    [Theory]
    [InlineData(1200, 20, 200)]
    [InlineData(1000, 20, 167)]         // 1000 − round(833.33) = 167
    [InlineData(1100, 10, 100)]
    [InlineData(5_000_000_000, 20, 833_333_333)] // 5 000 000 000 − round(4 166 666 666.67)
    public void IncludedPercent_IsGrossMinusRoundedNet(long gross, double percent, long expected) =>
        Assert.Equal(expected, Rounding.IncludedPercent(gross, (decimal)percent));

    [Fact]
    public void Exclusive_TaxesEachRateSeparately_AndSumsThem()
    {
        var tax = TaxMath.Line("line-1", new Money(1999, "USD"), [NyState, NyCity], pricesIncludeTax: false);
        Assert.Equal([80, 97], tax.Lines.Select(l => l.Amount.Minor)); // 79.96 and 97.45125
        Assert.Equal(new Money(177, "USD"), tax.Total);
        Assert.Equal(["NY State Tax", "NYC Tax"], tax.Lines.Select(l => l.Name));
        Assert.Equal([4m, 4.875m], tax.Lines.Select(l => l.Rate));
    }

    [Fact]
    public void Inclusive_TakesTheTaxOutOfTheAmount_AndSplitsItExactly()
    {
        var tax = TaxMath.Line("line-1", new Money(10_000, "EUR"), [new("VAT", 19m), new("Levy", 1m)], pricesIncludeTax: true);
        Assert.Equal(1667, tax.Total.Minor); // 10 000 − round(8 333.33)
        Assert.Equal(tax.Total.Minor, tax.Lines.Sum(l => l.Amount.Minor));
        Assert.Equal([1584, 83], tax.Lines.Select(l => l.Amount.Minor));
    }

    [Fact]
    public void NoRates_GivesAnEmptyListAndZero()
    {
        var tax = TaxMath.Line("line-1", new Money(1999, "USD"), [], pricesIncludeTax: false);
        Assert.Empty(tax.Lines);
        Assert.Equal(Money.Zero("USD"), tax.Total);
    }

    [Fact]
    public void FiveBillionMinorUnits_StayExact()
    {
        var exclusive = TaxMath.Line("big", new Money(5_000_000_000, "USD"), [new("Tax", 8.875m)], pricesIncludeTax: false);
        Assert.Equal(443_750_000, exclusive.Total.Minor);
        var inclusive = TaxMath.Line("big", new Money(5_000_000_000, "USD"), [new("VAT", 20m)], pricesIncludeTax: true);
        Assert.Equal(833_333_333, inclusive.Total.Minor); // 5 000 000 000 − round(4 166 666 666.67)
    }

    [Fact]
    public void ZeroDecimalYen_RoundsToWholeYen()
    {
        var tax = TaxMath.Line("jp", new Money(1_234, "JPY"), [new("Consumption tax", 10m)], pricesIncludeTax: false);
        Assert.Equal(new Money(123, "JPY"), tax.Total); // 123.4
        var included = TaxMath.Line("jp", new Money(1_100, "JPY"), [new("Consumption tax", 10m)], pricesIncludeTax: true);
        Assert.Equal(new Money(100, "JPY"), included.Total);
    }

    [Fact]
    public void ThreeDecimalDinar_RoundsToWholeFils()
    {
        var tax = TaxMath.Line("kw", new Money(12_345, "KWD"), [new("VAT", 5m)], pricesIncludeTax: false);
        Assert.Equal(new Money(617, "KWD"), tax.Total); // 617.25 fils
        var big = TaxMath.Line("kw", new Money(5_000_000_001, "KWD"), [new("VAT", 5m)], pricesIncludeTax: false);
        Assert.Equal(250_000_000, big.Total.Minor); // 250 000 000.05
    }
}
