using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Catalog.Contracts;
using Runner.Catalog.Storefront;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Store.Contracts;

namespace Runner.Tests.Catalog;

/// <summary>The pre-serialised storefront JSON says exactly what serialising the product would.</summary>
public class ProductJsonTests
{
    private static readonly StoreSettingsView Settings = new("Shop", "USD", ["USD", "EUR"], new Dictionary<string, decimal> { ["EUR"] = 0.9m },
        "UTC", false, "kg", "#", null);

    private static ProductDocument Document()
    {
        var v1 = new VariantDocument(new VariantId(Guid.CreateVersion7()), "A-1", "S / \"Blue\"", new Dictionary<string, string> { ["Size"] = "S" },
            1999, 2999, new Dictionary<string, (long, long?)> { ["EUR"] = (1900, null) }, true, new Runner.Catalog.Contracts.WeightResponse(0.25m, "kg"),
            InventoryPolicy.Deny);
        var v2 = v1 with { Id = new VariantId(Guid.CreateVersion7()), Sku = "A-2", Title = "M", CompareAtPrice = null,
            Prices = new Dictionary<string, (long, long?)>(), InventoryPolicy = InventoryPolicy.Continue, Weight = null };
        return new ProductDocument(new ProductId(Guid.CreateVersion7()), 3, "lantern", "Lantern <Storm> & \"Co\"", "<p>Bright — 500 lm</p>",
            "Lumen", null, ["camp", "ünïcode"], [new MediaResponse("https://cdn.example.com/a.jpg", null, 0)],
            [new OptionResponse("Size", ["S", "M"])], [v1, v2], null, "Storm lantern", "USD",
            new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(null, 0L, 0L)]
    [InlineData("USD", 7L, 0L)]
    [InlineData("EUR", 0L, 3L)]
    public void Splice_EqualsSerialisingTheProduct(string? currency, long first, long second)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        RunnerJson.Configure(options);
        var doc = Document();
        var available = new Dictionary<VariantId, long> { [doc.Variants[0].Id] = first, [doc.Variants[1].Id] = second };
        var settings = currency == "EUR" ? Settings : null;
        var expected = JsonSerializer.SerializeToNode(StoreProducts.Present(doc, currency, settings, available), options)!;

        var buffer = new ArrayBufferWriter<byte>();
        ProductJson.Build(doc, currency ?? "USD", settings, options).Write(buffer, available);
        var actual = JsonNode.Parse(buffer.WrittenSpan)!;

        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\n but got {actual.ToJsonString()}");
    }
}
