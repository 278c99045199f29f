using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Tests.Catalog;

/// <summary>The option and variant rules, without a database.</summary>
public class ProductRulesTests
{
    private static readonly StoreSettingsView Store = new("Shop", "USD", ["USD", "EUR"], new Dictionary<string, decimal> { ["EUR"] = 0.9m },
        "UTC", false, "kg", "#", null);

    private static VariantInput V(string sku, long price = 1000, params (string, string)[] options) =>
        new(sku, options.ToDictionary(o => o.Item1, o => o.Item2), new Money(price, "USD"));

    private static Dictionary<string, string[]> Errors(CreateProductRequest request)
    {
        var v = new Validator();
        ProductRules.Validate(request, Store, v);
        return v.IsValid ? [] : v.ToError().Fields!.ToDictionary(f => f.Key, f => f.Value);
    }

    private static CreateProductRequest Shirt(params VariantInput[] variants) => new("Shirt", ProductStatus.Active, variants,
        Options: [new OptionInput("Size", ["S", "M"]), new OptionInput("Color", ["Blue", "White"])]);

    [Fact]
    public void OneVariantPerCombination_IsValid() =>
        Assert.Empty(Errors(Shirt(V("a", 1000, ("Size", "S"), ("Color", "Blue")), V("b", 1000, ("Size", "M"), ("Color", "Blue")))));

    [Fact]
    public void OptionNames_AndValues_MatchCaseInsensitively() =>
        Assert.Empty(Errors(Shirt(V("a", 1000, ("size", "s"), ("COLOR", "blue")))));

    [Fact]
    public void TheSameCombinationTwice_IsRefused() =>
        Assert.Contains("variants[1].options", Errors(Shirt(V("a", 1000, ("Size", "S"), ("Color", "Blue")), V("b", 1000, ("Size", "S"), ("Color", "Blue")))).Keys);

    [Fact]
    public void AMissingOptionValue_IsRefused() =>
        Assert.Contains("variants[0].options.Color", Errors(Shirt(V("a", 1000, ("Size", "S")))).Keys);

    [Fact]
    public void AnUnknownOptionValue_NamesTheOption() =>
        Assert.Contains("variants[0].options.Size", Errors(Shirt(V("a", 1000, ("Size", "XL"), ("Color", "Blue")))).Keys);

    [Fact]
    public void AnOptionTheProductDoesNotHave_IsRefused() =>
        Assert.Contains("variants[0].options.Material", Errors(Shirt(V("a", 1000, ("Size", "S"), ("Color", "Blue"), ("Material", "Linen")))).Keys);

    [Fact]
    public void NoOptions_OneVariantWithNoValues_IsValid() =>
        Assert.Empty(Errors(new CreateProductRequest("Mug", ProductStatus.Active, [V("mug")])));

    [Fact]
    public void NoOptions_TwoVariants_AreTheSameCombination() =>
        Assert.Contains("variants[1].options", Errors(new CreateProductRequest("Mug", ProductStatus.Active, [V("a"), V("b")])).Keys);

    [Fact]
    public void NoVariants_IsRefused() =>
        Assert.Contains("variants", Errors(new CreateProductRequest("Mug", ProductStatus.Active, [])).Keys);

    [Fact]
    public void DuplicateOptionNames_AndValues_AreRefused()
    {
        var errors = Errors(new CreateProductRequest("Shirt", ProductStatus.Active, [V("a", 1000, ("Size", "S"))],
            Options: [new OptionInput("Size", ["S", "s"]), new OptionInput("size", ["M"])]));
        Assert.Contains("options[0].values[1]", errors.Keys);
        Assert.Contains("options[1].name", errors.Keys);
    }

    [Fact]
    public void DuplicateSkus_InOneProduct_AreRefused() =>
        Assert.Contains("variants[1].sku", Errors(Shirt(V("a", 1000, ("Size", "S"), ("Color", "Blue")), V("a", 1000, ("Size", "M"), ("Color", "Blue")))).Keys);

    [Theory]
    [InlineData(" padded")]
    [InlineData("tab\tsku")]
    [InlineData("")]
    public void MalformedSkus_AreRefused(string sku) =>
        Assert.Contains("variants[0].sku", Errors(new CreateProductRequest("Mug", ProductStatus.Active, [V(sku)])).Keys);

    [Fact]
    public void PriceInAnotherCurrency_IsRefused()
    {
        var request = new CreateProductRequest("Mug", ProductStatus.Active, [V("m") with { Price = new Money(1000, "EUR") }]);
        Assert.Contains("variants[0].price.currency", Errors(request).Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Money.MaxAmount + 1)]
    public void PriceOutOfRange_IsRefused(long amount) =>
        Assert.Contains("variants[0].price.amount", Errors(new CreateProductRequest("Mug", ProductStatus.Active, [V("m", amount)])).Keys);

    [Fact]
    public void PricesInOtherCurrencies_MustBeEnabled_AndUnique()
    {
        var request = new CreateProductRequest("Mug", ProductStatus.Active,
            [V("m") with { Prices = [new Money(900, "EUR"), new Money(900, "EUR"), new Money(100000, "JPY"), new Money(1000, "USD")] }]);
        var errors = Errors(request);
        Assert.Contains("variants[0].prices[1].currency", errors.Keys);
        Assert.Contains("variants[0].prices[2].currency", errors.Keys);
        Assert.Contains("variants[0].prices[3].currency", errors.Keys);
        Assert.DoesNotContain("variants[0].prices[0].currency", errors.Keys);
    }

    [Fact]
    public void WeightUnits_AndMediaUrls_AreChecked()
    {
        var request = new CreateProductRequest("Mug", ProductStatus.Active, [V("m") with { Weight = new WeightInput(1, "stone") }],
            Media: [new MediaInput("javascript:alert(1)"), new MediaInput("https://cdn.example.com/mug.jpg")]);
        var errors = Errors(request);
        Assert.Contains("variants[0].weight.unit", errors.Keys);
        Assert.Contains("media[0].url", errors.Keys);
        Assert.DoesNotContain("media[1].url", errors.Keys);
    }

    [Fact]
    public void LongFields_AreRefused()
    {
        var errors = Errors(new CreateProductRequest(new string('x', 256), ProductStatus.Active, [V("m")], Vendor: new string('v', 256),
            Tags: [new string('t', 256), " "]));
        Assert.Contains("title", errors.Keys);
        Assert.Contains("vendor", errors.Keys);
        Assert.Contains("tags[0]", errors.Keys);
        Assert.Contains("tags[1]", errors.Keys);
    }

    [Fact]
    public void Html_IsSanitized_AndItsTextExtracted()
    {
        var clean = Html.Sanitize("<p onclick=\"x()\">Soft <b>linen</b><script>alert(1)</script><a href=\"javascript:x()\">link</a><img src=x onerror=alert(1)></p>");
        Assert.DoesNotContain("script", clean);
        Assert.DoesNotContain("onclick", clean);
        Assert.DoesNotContain("onerror", clean);
        Assert.DoesNotContain("javascript:", clean);
        Assert.Contains("<b>linen</b>", clean);
        Assert.Equal("Soft linen link", Html.ToText(clean));
    }
}
