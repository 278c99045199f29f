using Runner.Analytics.Funnels;
using Runner.Orders.Contracts;

namespace Runner.Tests.Analytics;

/// <summary>The one rule naming where a session or an order came from.</summary>
public class TrafficSourceTests
{
    [Theory]
    [InlineData(" Newsletter ", "Email", "https://search.example/?q=mug", "newsletter / email")]
    [InlineData("partner", null, null, "partner")]
    [InlineData(null, "CPC", null, "cpc")]
    [InlineData(null, " ", "https://WWW.Search.Example/results?q=mug", "search.example")]
    [InlineData(null, null, "news.example", "news.example")]
    [InlineData(null, null, "https://shop.example/cart", "direct")]
    [InlineData(null, null, "https://www.shop.example/", "direct")]
    [InlineData(null, null, "not a url", "direct")]
    [InlineData(null, null, null, "direct")]
    public void Source_IsUtmThenReferrerThenDirect(string? source, string? medium, string? referrer, string expected) =>
        Assert.Equal(expected, TrafficSource.Of(source, medium, referrer, ["https://shop.example"]));

    [Fact]
    public void AnOrder_IsNamedByTheSameRule() =>
        Assert.Equal(("mail / email", "direct", "ref.example"), (
            TrafficSource.Of(new OrderAttribution("v", "s", "Mail", "EMAIL", "spring", "https://ref.example/")),
            TrafficSource.Of((OrderAttribution?)null),
            TrafficSource.Of(new OrderAttribution(null, null, null, null, null, "https://ref.example/a"))));

    [Fact]
    public void ALongCampaignName_IsCut() =>
        Assert.Equal(TrafficSource.MaxLength, TrafficSource.Of(new string('x', 150), new string('y', 150), null).Length);
}
