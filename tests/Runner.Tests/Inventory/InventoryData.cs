using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>Makes the products, locations and stock an inventory test needs, each with unique names.</summary>
internal static class InventoryData
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Creates an active product with one variant (published to the default channel); returns the variant id.</summary>
    public static async Task<string> VariantAsync(HttpClient admin, string? tag = null) =>
        (await ProductAsync(admin, tag)).GetProperty("variants")[0].Str("id");

    public static async Task<JsonElement> ProductAsync(HttpClient admin, string? tag = null)
    {
        var sku = Unique("SKU");
        var product = await (await admin.PostJson("/admin/products", new
        {
            title = "Stock test " + sku,
            status = "active",
            tags = tag is null ? Array.Empty<string>() : [tag],
            variants = new[] { new { sku, options = new { }, price = new { amount = 1000, currency = "USD" } } },
        })).Json(HttpStatusCode.Created);
        return product;
    }

    public static async Task<string> LocationAsync(HttpClient admin, int priority = 0, string kind = "warehouse", string[]? channels = null)
    {
        object body = channels is null
            ? new { name = Unique("Location"), kind, priority }
            : new { name = Unique("Location"), kind, priority, channels };
        return (await (await admin.PostJson("/admin/locations", body)).Json(HttpStatusCode.Created)).Str("id");
    }

    public static async Task<JsonElement> AdjustAsync(HttpClient admin, string variantId, string locationId, long delta, string reason = "received") =>
        await (await admin.PostJson("/admin/inventory/adjustments", new { variantId, locationId, delta, reason })).Json(HttpStatusCode.Created);

    /// <summary>The level of a variant at a location, or null when it was never touched.</summary>
    public static async Task<JsonElement?> LevelAsync(HttpClient admin, string variantId, string locationId)
    {
        var page = await (await admin.GetAsync($"/admin/inventory/levels?variantId={variantId}&locationId={locationId}")).Json();
        var items = page.GetProperty("items");
        return items.GetArrayLength() == 0 ? null : items[0];
    }

    public static async Task<JsonElement[]> LedgerAsync(HttpClient admin, string variantId, string? locationId = null)
    {
        var url = $"/admin/inventory/ledger?variantId={variantId}&limit=100" + (locationId is null ? "" : $"&locationId={locationId}");
        return [.. (await (await admin.GetAsync(url)).Json()).GetProperty("items").EnumerateArray()];
    }

    public static Task<HttpResponseMessage> ReserveAsync(HttpClient admin, string variantId, long quantity, string? locationId = null, int ttlSeconds = 600) =>
        locationId is null
            ? admin.PostJson("/admin/inventory/reservations", new { variantId, quantity, ttlSeconds })
            : admin.PostJson("/admin/inventory/reservations", new { variantId, quantity, locationId, ttlSeconds });
}
