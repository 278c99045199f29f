using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Host.Startup.Demo;

/// <summary>The demo store's data (embedded <c>demo-store.json</c>): an outdoor-clothing and camp-goods brand, with US sales
/// tax zones and shipping zones (US and international) so that a shopper can check out.</summary>
public sealed record DemoStore(DemoStoreInfo Store, IReadOnlyList<DemoCollection> Collections, IReadOnlyList<DemoProduct> Products,
    IReadOnlyList<Pricing.Contracts.TaxZoneInput>? TaxZones = null, IReadOnlyList<Shipping.Contracts.ShippingZoneInput>? ShippingZones = null)
{
    public static DemoStore Load()
    {
        using var stream = typeof(DemoStore).Assembly.GetManifestResourceStream("Runner.Host.demo-store.json")
            ?? throw new InvalidOperationException("demo-store.json is missing from the build.");
        return JsonSerializer.Deserialize<DemoStore>(stream, Json)
            ?? throw new InvalidOperationException("demo-store.json is empty.");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}

public sealed record DemoStoreInfo(string Name, string ContactEmail);

public sealed record DemoCollection(
    string Key, string Title, string Description, string Kind, string? Parent = null,
    IReadOnlyList<Catalog.Collections.CollectionRule>? Rules = null, string? SortOrder = null, IReadOnlyList<string>? Products = null);

public sealed record DemoProduct(
    string Title, string Vendor, string ProductType, IReadOnlyList<string> Tags, string Description, long Price, long Cost,
    IReadOnlyList<JsonElement> Options, string InventoryPolicy, IReadOnlyList<JsonElement>? Weight);
