using Runner.Orders.Fulfilments;

namespace Runner.Tests.Orders;

public sealed class CarrierTrackingTests
{
    [Theory]
    [InlineData("UPS", "1Z999AA10123456784", "https://www.ups.com/track?tracknum=1Z999AA10123456784")]
    [InlineData("usps", " 9400 1000 ", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400%201000")]
    [InlineData("Royal Mail", "AB123456789GB", "https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB")]
    [InlineData("royal-mail", "AB123456789GB", "https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB")]
    [InlineData("DHL Express", "1234/56&x=1", "https://www.dhl.com/global-en/home/tracking.html?tracking-id=1234%2F56%26x%3D1")]
    public void AWellKnownCarrier_GetsItsTrackingPage_WithTheNumberEscaped(string carrier, string number, string expected) =>
        Assert.Equal(expected, CarrierTracking.UrlFor(carrier, number));

    [Theory]
    [InlineData("Acme Freight", "123")]
    [InlineData("UPS", "  ")]
    [InlineData(null, "123")]
    [InlineData("UPS", null)]
    public void AnUnknownCarrierOrNoNumber_GetsNoLink(string? carrier, string? number) =>
        Assert.Null(CarrierTracking.UrlFor(carrier, number));

    [Theory]
    [InlineData("https://track.example/1", true)]
    [InlineData("http://track.example/1", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("/relative", false)]
    public void OnlyWebAddresses_AreLinksACustomerMayFollow(string url, bool expected) =>
        Assert.Equal(expected, CarrierTracking.IsWebAddress(url));
}
