using System.Net;
using System.Text.Json;

namespace Runner.Tests.Infrastructure;

/// <summary>Creates catalog data through the admin API, with names unique to the calling test.</summary>
public static class Catalog
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static object Usd(long amount) => new { amount, currency = "USD" };

    /// <summary>A product with one Size option and one variant per size (SKU = sku prefix + size).</summary>
    public static object SizedProduct(string title, string skuPrefix, long price, string status = "active",
        string[]? sizes = null, string[]? tags = null, string? vendor = null, string? type = null, string? description = null,
        object[]? channels = null)
    {
        sizes ??= ["S", "M", "L"];
        return new
        {
            title,
            status,
            description = description ?? $"<p>{title}, made to last.</p>",
            vendor,
            productType = type,
            tags = tags ?? [],
            options = new[] { new { name = "Size", values = sizes } },
            variants = sizes.Select((s, i) => new { sku = $"{skuPrefix}-{s}", options = new Dictionary<string, string> { ["Size"] = s }, price = Usd(price + i * 100) }).ToArray(),
            channels,
        };
    }

    public static async Task<JsonElement> CreateProduct(this HttpClient admin, object body)
    {
        var response = await admin.PostJson("/admin/products", body);
        return await response.Json(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> CreateSimple(this HttpClient admin, string title, long price = 2500, string? sku = null,
        string[]? tags = null, string status = "active", string? vendor = null, string? type = null) =>
        await admin.CreateProduct(new
        {
            title,
            status,
            vendor,
            productType = type,
            tags = tags ?? [],
            variants = new[] { new { sku = sku ?? Unique("SKU"), options = new Dictionary<string, string>(), price = Usd(price) } },
        });

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static List<string> Titles(this JsonElement page) => [.. page.Items().Select(i => i.Str("title"))];
}
