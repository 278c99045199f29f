using System.Globalization;
using System.Text.Json;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Microsoft.EntityFrameworkCore;
using Runner.Host.Startup.Demo;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Pricing.Contracts;
using Runner.Shipping.Contracts;
using Runner.Kernel.Text;

namespace Runner.Host.Startup;

/// <summary>
/// Seeds the demo store through the modules' own services (the same rules as the API): collections (manual, rule
/// based, nested), products with options, variants, prices, compare-at prices, costs and images, and two locations
/// with stock (a few variants sold out, a few running low), US sales-tax zones and shipping zones, all in one transaction.
/// </summary>
public static class DemoSeed
{
    public static async Task<int> RunAsync(IServiceProvider services, DemoStore demo, CancellationToken ct)
    {
        var db = services.GetRequiredService<RunnerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var products = await SeedCatalogAsync(services, demo, ct);
        // What is saved need not be tracked: every later save would otherwise scan it all again.
        db.ChangeTracker.Clear();
        await SeedStockAsync(services, products, ct);
        await SeedTaxAndShippingAsync(services, demo, ct);
        await transaction.CommitAsync(ct);
        return products.Count;
    }

    /// <summary>The products in the demo file's order (their position there, by id).</summary>
    private static async Task<Dictionary<ProductId, int>> SeedCatalogAsync(IServiceProvider services, DemoStore demo, CancellationToken ct)
    {
        var catalog = services.GetRequiredService<ICatalogAdmin>();
        var ids = new Dictionary<string, ProductId>();
        for (var i = 0; i < demo.Products.Count; i++)
        {
            var product = demo.Products[i];
            var images = await DemoImages.StoreAsync(services.GetRequiredService<IMediaStore>(), Handles.From(product.Title), ct);
            ids[product.Title] = await catalog.AddProductAsync(ToRequest(product, i, images), ct);
        }
        await catalog.SaveAsync(ct);

        var collections = new Dictionary<string, CollectionId>();
        foreach (var c in demo.Collections.OrderBy(c => c.Parent is null ? 0 : 1))
        {
            collections[c.Key] = await catalog.AddCollectionAsync(new CollectionRequest(
                c.Title,
                c.Kind == "rule" ? CollectionKind.Rule : CollectionKind.Manual,
                Description: c.Description,
                Rules: c.Rules,
                ParentId: c.Parent is null ? null : collections[c.Parent],
                Position: collections.Count,
                SortOrder: c.SortOrder switch { "newest" => CollectionSort.Newest, "price_asc" => CollectionSort.PriceAsc, _ => null },
                ProductIds: c.Products?.Select(t => ids[t]).ToList()), ct);
            await catalog.SaveAsync(ct);
            services.GetRequiredService<RunnerDbContext>().ChangeTracker.Clear();
        }
        return demo.Products.Select((p, i) => (ids[p.Title], i)).ToDictionary(x => x.Item1, x => x.Item2);
    }

    /// <summary>A warehouse that ships online orders first, and a shop whose stock also sells online.</summary>
    private static async Task SeedStockAsync(IServiceProvider services, Dictionary<ProductId, int> products, CancellationToken ct)
    {
        var inventory = services.GetRequiredService<IInventoryService>();
        var db = services.GetRequiredService<RunnerDbContext>();
        var warehouse = await inventory.CreateLocationAsync(new CreateLocationRequest("Main Warehouse", LocationKind.Warehouse, 0,
            new LocationAddress("US", "1200 Industrial Way", City: "Portland", Region: "OR", PostalCode: "97210")), ct);
        var shop = await inventory.CreateLocationAsync(new CreateLocationRequest("Pearl District Shop", LocationKind.Retail, 10,
            new LocationAddress("US", "415 NW 11th Ave", City: "Portland", Region: "OR", PostalCode: "97209")), ct);
        // In the demo file's order, so that every seed (and the template) stocks the same variants alike: products
        // made within one tick of the clock would otherwise come back in the order of their random ids.
        var variants = (await services.GetRequiredService<ICatalogAdmin>().ListVariantsAsync(ct))
            .OrderBy(v => products[v.ProductId]).ToList();
        var adjustments = new List<AdjustmentRequest>();
        var thresholds = new List<ThresholdRequest>();
        for (var i = 0; i < variants.Count; i++)
        {
            if (variants[i].InventoryPolicy == InventoryPolicy.Continue) continue;
            // Deterministic spread: most variants well stocked, every 17th sold out, every 11th down to a few units.
            var inWarehouse = i % 17 == 5 ? 0 : i % 11 == 3 ? 2 : 8 + (i * 37 % 40);
            var inShop = i % 17 == 5 ? 0 : i % 4 == 0 ? 0 : 1 + (i * 13 % 6);
            if (inWarehouse > 0)
                adjustments.Add(new AdjustmentRequest(variants[i].Id, warehouse.Id, AdjustmentReason.Received, inWarehouse, Note: "Opening stock"));
            if (inShop > 0)
                adjustments.Add(new AdjustmentRequest(variants[i].Id, shop.Id, AdjustmentReason.Received, inShop, Note: "Opening stock"));
            thresholds.Add(new ThresholdRequest(variants[i].Id, warehouse.Id, 5));
        }
        // In batches: the same rules as one by one, with one lookup of the variants and one save for all of them.
        await inventory.AdjustManyAsync(adjustments, ct);
        await inventory.SetThresholdsAsync(thresholds, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>US sales tax by state, and shipping zones for the US (free standard shipping above $75) and abroad.</summary>
    private static async Task SeedTaxAndShippingAsync(IServiceProvider services, DemoStore demo, CancellationToken ct)
    {
        var taxes = services.GetRequiredService<ITaxZones>();
        foreach (var zone in demo.TaxZones ?? [])
        {
            var created = await taxes.CreateAsync(zone, ct);
            if (!created.IsSuccess) throw new DomainException(created.Error);
        }
        var shipping = services.GetRequiredService<IShippingZones>();
        foreach (var zone in demo.ShippingZones ?? [])
        {
            var created = await shipping.CreateAsync(zone, ct);
            if (!created.IsSuccess) throw new DomainException(created.Error);
        }
        services.GetRequiredService<RunnerDbContext>().ChangeTracker.Clear();
    }

    internal static CreateProductRequest ToRequest(DemoProduct p, int index, (string Main, string Detail) images)
    {
        var options = p.Options.Select(o => new OptionInput(o[0].GetString()!, [.. o[1].EnumerateArray().Select(v => v.GetString()!)])).ToList();
        var combinations = options.Aggregate((IEnumerable<Dictionary<string, string>>)[new Dictionary<string, string>()],
            (acc, option) => acc.SelectMany(c => option.Values.Select(v => new Dictionary<string, string>(c) { [option.Name] = v })));
        var skuStem = $"{Initials(p.Vendor)}-{index + 1:000}";
        var variants = combinations.Select((c, i) =>
        {
            var price = PriceOf(p, c);
            return new VariantInput(
                Sku: c.Count == 0 ? skuStem : $"{skuStem}-{string.Join("-", c.Values.Select(Code))}",
                Options: c,
                Price: new Money(price, "USD"),
                CompareAtPrice: index % 5 == 2 ? new Money(price * 5 / 4, "USD") : null,
                Cost: p.Cost > 0 ? new Money(p.Cost, "USD") : null,
                Weight: p.Weight is { Count: 2 } w ? new WeightInput(w[0].GetDecimal(), w[1].GetString()!) : null,
                RequiresShipping: p.ProductType != "Gift Card",
                TaxCategory: p.ProductType == "Gift Card" ? "gift-card" : "standard",
                InventoryPolicy: p.InventoryPolicy == "continue" ? InventoryPolicy.Continue : InventoryPolicy.Deny);
        }).ToList();
        return new CreateProductRequest(p.Title, ProductStatus.Active, variants,
            Description: p.Description, Vendor: p.Vendor, ProductType: p.ProductType, Tags: p.Tags,
            Media: [new MediaInput(images.Main, p.Title), new MediaInput(images.Detail, $"{p.Title}, detail")],
            SeoTitle: $"{p.Title} | Juniper & Pine",
            SeoDescription: PlainText(p.Description),
            Options: options);
    }

    /// <summary>Gift cards cost their face value; larger sizes cost a little more.</summary>
    private static long PriceOf(DemoProduct p, Dictionary<string, string> options)
    {
        if (options.TryGetValue("Amount", out var amount)) return long.Parse(amount.TrimStart('$'), CultureInfo.InvariantCulture) * 100;
        return options.TryGetValue("Size", out var size) && size is "XL" or "L/XL" ? p.Price + 500 : p.Price;
    }

    private static string PlainText(string html) =>
        string.Join(' ', System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Initials(string vendor) =>
        string.Concat(vendor.Split(' ', '&', '.').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0])));

    private static string Code(string value) => string.Concat(value.Where(char.IsLetterOrDigit)).ToUpperInvariant() is { Length: > 0 } c ? c[..Math.Min(c.Length, 6)] : "X";
}
