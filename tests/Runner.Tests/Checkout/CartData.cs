using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>Makes the products, stock and carts a checkout test needs, each with unique names.</summary>
internal static class CartData
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>An active product with one variant; returns the product (its variant is variants[0]).</summary>
    public static async Task<JsonElement> ProductAsync(HttpClient admin, long price = 1000, string policy = "deny",
        object[]? prices = null, object? weight = null, string? taxCategory = null, object[]? media = null, string[]? channels = null,
        long? cost = null, bool requiresShipping = true)
    {
        var sku = Unique("SKU");
        return await (await admin.PostJson("/admin/products", new
        {
            title = "Cart test " + sku,
            status = "active",
            media,
            channels,
            variants = new[]
            {
                new
                {
                    sku, options = new { }, price = new { amount = price, currency = "USD" }, prices, weight, taxCategory,
                    inventoryPolicy = policy, cost = cost is { } c ? new { amount = c, currency = "USD" } : null, requiresShipping,
                },
            },
        })).Json(HttpStatusCode.Created);
    }

    /// <summary>A variant with <paramref name="stock"/> units at a new location fulfilling the default channel.</summary>
    public static async Task<string> StockedVariantAsync(HttpClient admin, long stock, long price = 1000, string policy = "deny",
        string? taxCategory = null, object? weight = null)
    {
        var variant = (await ProductAsync(admin, price, policy, taxCategory: taxCategory, weight: weight)).GetProperty("variants")[0].Str("id");
        if (stock > 0) await StockAsync(admin, variant, stock);
        return variant;
    }

    public static async Task<string> StockAsync(HttpClient admin, string variantId, long units, string? locationId = null)
    {
        locationId ??= (await (await admin.PostJson("/admin/locations", new { name = Unique("Location"), priority = 1 })).Json(HttpStatusCode.Created)).Str("id");
        await (await admin.PostJson("/admin/inventory/adjustments", new { variantId, locationId, delta = units, reason = "received" })).Json(HttpStatusCode.Created);
        return locationId;
    }

    public static async Task<JsonElement> CartAsync(HttpClient store, string currency = "USD", string? email = null, object? attribution = null) =>
        await (await store.PostJson("/store/carts", new { currency, email, attribution })).Json(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> AddAsync(HttpClient store, string cartId, string variantId, long quantity) =>
        store.PostJson($"/store/carts/{cartId}/lines", new { variantId, quantity });

    public static object Address(string country = "US", string? region = "CA", string postalCode = "94107") => new
    {
        firstName = "Ada", lastName = "Lovelace", line1 = "1 Market St", city = "San Francisco", region, postalCode, country,
        phone = "+1 415 555 0100",
    };

    public static long Amount(this JsonElement e, string name) => e.GetProperty(name).Long("amount");
}
