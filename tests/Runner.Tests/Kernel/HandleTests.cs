using Runner.Kernel.Text;

namespace Runner.Tests.Kernel;

public class HandleTests
{
    [Theory]
    [InlineData("Linen Shirt", "linen-shirt")]
    [InlineData("  Crème Brûlée & Co. ", "creme-brulee-co")]
    [InlineData("Straße 42", "strasse-42")]
    [InlineData("100% Merino -- Wool!!", "100-merino-wool")]
    [InlineData("Łódź Tote", "lodz-tote")]
    [InlineData("T-Shirt (XL)", "t-shirt-xl")]
    public void From_MakesAUrlSafeSlug(string title, string expected) => Assert.Equal(expected, Handles.From(title));

    [Fact]
    public void From_OnlySymbols_GivesEmpty() => Assert.Equal("", Handles.From("!!! ???"));

    [Fact]
    public void From_CapsTheLength()
    {
        var handle = Handles.From(string.Join(" ", Enumerable.Repeat("word", 100)));
        Assert.True(handle.Length <= Handles.MaxLength);
        Assert.True(Handles.IsValid(handle));
    }

    [Theory]
    [InlineData("linen-shirt", true)]
    [InlineData("a", true)]
    [InlineData("Linen-Shirt", false)]
    [InlineData("linen--shirt", false)]
    [InlineData("-linen", false)]
    [InlineData("linen shirt", false)]
    [InlineData("", false)]
    public void IsValid_AcceptsOnlyCanonicalHandles(string handle, bool valid) => Assert.Equal(valid, Handles.IsValid(handle));

    [Fact]
    public void WithSuffix_NumbersDuplicates() => Assert.Equal("shirt-2", Handles.WithSuffix("shirt", 2));
}
