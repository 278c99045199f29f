using Runner.Host.Web.Dashboard.Settings;

namespace Runner.Tests.Dashboard;

/// <summary>How the shipping page reads a zone's places, one a line, and weights in the store's unit.</summary>
public class ShippingInputTests
{
    [Fact]
    public void Places_ReadCountriesRegionsPostalCodesAndTheRestOfTheWorld()
    {
        var areas = ShippingPlaces.Parse("ca, mx\nUS US-HI\nus-ak\nAU New South Wales\nUS: 94107, 95*; 96000-96199\nGB: SW1A 1AA\n\n*\n");

        Assert.Equal(
        [
            new ShippingAreaRow("CA"), new ShippingAreaRow("MX"), new ShippingAreaRow("US", "US-HI"), new ShippingAreaRow("US", "US-AK"),
            new ShippingAreaRow("AU", "New South Wales"), new ShippingAreaRow("*"),
        ], areas.Where(a => a.PostalCodes is null));
        var postal = areas.Where(a => a.PostalCodes is not null).ToList();
        Assert.Equal(["US", "GB"], postal.Select(a => a.Country));
        Assert.Equal(["94107", "95*", "96000-96199"], postal[0].PostalCodes!);
        Assert.Equal(["SW1A 1AA"], postal[1].PostalCodes!);
    }

    [Fact]
    public void Places_AsWritten_ReadBackTheSame()
    {
        ShippingAreaRow[] areas = [new("US", "US-CA", ["900*", "90210"]), new("CA"), new("AU", "Tasmania"), new("*")];

        var text = ShippingPlaces.Format(areas);

        Assert.Equal("US US-CA: 900*, 90210\nCA\nAU Tasmania\n*", text);
        var read = ShippingPlaces.Parse(text);
        Assert.Equal(areas.Select(a => (a.Country, a.Region, string.Join(",", a.PostalCodes ?? []))),
            read.Select(a => (a.Country, a.Region, string.Join(",", a.PostalCodes ?? []))));
    }

    [Theory]
    [InlineData("kg", 1.5, 1500)]
    [InlineData("g", 380, 380)]
    [InlineData("lb", 1, 454)]
    [InlineData("oz", 16, 454)]
    public void Weights_AreWholeGrams(string unit, double value, long grams) => Assert.Equal(grams, Weights.Grams((decimal)value, unit));

    [Theory]
    [InlineData("kg")]
    [InlineData("g")]
    [InlineData("lb")]
    [InlineData("oz")]
    public void Weights_ShownInTheStoreUnit_ReadBackAsTheSameGrams(string unit)
    {
        foreach (var grams in new long[] { 0, 1, 499, 500, 1000, 2267, 10_000, 123_457 })
            Assert.Equal(grams, Weights.Grams(decimal.Parse(Weights.InUnit(grams, unit), System.Globalization.CultureInfo.InvariantCulture), unit));
    }
}
