using Runner.Shipping.Zones;

namespace Runner.Tests.Shipping;

/// <summary>Postal rules on their own: parsing, normalising and matching.</summary>
public class PostalRuleTests
{
    [Theory]
    [InlineData("94*", "US", "94107", true)]
    [InlineData("94*", "US", "95107", false)]
    [InlineData("10000-14999", "US", "12345", true)]
    [InlineData("10000-14999", "US", "15000", false)]
    [InlineData("10000-14999", "US", "123456", false)]
    [InlineData("94107", "US", "94107-1234", true)]
    [InlineData("SW1A", "GB", "SW1A 1AA", true)]
    [InlineData("SW1A", "GB", "SW1 1AA", false)]
    [InlineData("M5V", "CA", "M5V 3L9", true)]
    [InlineData("M5V", "FR", "M5V3L9", false)]
    [InlineData("A0000-B9999", "XX", "A5ZZZ", true)]
    public void Matches_FollowsTheRuleKind(string rule, string country, string code, bool matches) =>
        Assert.Equal(matches, PostalRule.Parse(rule)!.Matches(country, PostalRule.Normalize(country, code)));

    [Fact]
    public void Specificity_RanksExactOverOutwardOverLongerPrefixOverRange()
    {
        var code = PostalRule.Normalize("GB", "SW1A 1AA");
        var ranked = new[] { "SW*", "SW1A1AA", "SW1*", "SW1A", "SW0000-SW9ZZZ" }
            .Select(r => PostalRule.Parse(r)!).OrderByDescending(r => r.Specificity("GB", code)).Select(r => r.ToString());
        Assert.Equal(["SW1A1AA", "SW1A", "SW1*", "SW*", "SW0000-SW9ZZZ"], ranked);
    }

    [Fact]
    public void Specificity_RanksTheNarrowerRangeFirst() =>
        Assert.True(PostalRule.Parse("12200-12299")!.Specificity("US", "12207").CompareTo(PostalRule.Parse("12000-14999")!.Specificity("US", "12207")) > 0);

    [Theory]
    [InlineData("9*4")]
    [InlineData("*")]
    [InlineData("100-2000")]
    [InlineData("2000-1000")]
    [InlineData("1-2-3")]
    [InlineData("ÄB1")]
    public void Parse_RefusesWhatIsNotARule(string text) => Assert.Null(PostalRule.Parse(text));
}
