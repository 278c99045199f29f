using Microsoft.AspNetCore.Components;

namespace Runner.Host.Web.Dashboard;

/// <summary>
/// Stock per variant and location, a page at a time whatever the size of the catalog: a page of products (by title,
/// or by relevance to the search) with their variants' levels; with "low or out of stock" and no search, a page of
/// the levels at or below their threshold (or zero), named by a lookup of their variants.
/// </summary>
public partial class Inventory
{
    private const int ProductsPerPage = 25;

    protected override string? Permission => "inventory:read";

    [SupplyParameterFromQuery] public string? Q { get; set; }
    [SupplyParameterFromQuery] public int? Low { get; set; }
    [SupplyParameterFromQuery] public string? Cursor { get; set; }

    private sealed record Row(Guid VariantId, string Sku, string Name, Dictionary<Guid, StockLevel> Levels);

    private IReadOnlyList<Location> _locations = [];
    private List<Row> _rows = [];
    private string? _next;

    private string Query() => string.Join("&", new[] { ("q", Q), ("low", Low == 1 ? "1" : null) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}"));

    protected override async Task LoadAsync()
    {
        var locations = Api.GetAsync<Page<Location>>("/admin/locations?limit=100");
        var cursor = Cursor is { Length: > 0 } c ? "&cursor=" + Uri.EscapeDataString(c) : "";
        _rows = Low == 1 && string.IsNullOrWhiteSpace(Q) ? await ShortAsync(cursor) : await ProductsAsync(cursor);
        _locations = (await locations).Value?.Items ?? [];
    }

    /// <summary>
    /// A page of products, each with its variants that track stock (deny when out of it, or stocked somewhere). A search
    /// that names some of a product's variants (a SKU, an option) keeps those; otherwise the product's all.
    /// </summary>
    private async Task<List<Row>> ProductsAsync(string cursor)
    {
        var search = string.IsNullOrWhiteSpace(Q) ? "&sort=title" : "&q=" + Uri.EscapeDataString(Q.Trim());
        var page = await Api.GetAsync<Page<AdminProduct>>($"/admin/products?limit={ProductsPerPage}{search}{cursor}");
        Problem = page.Problem;
        _next = page.Value?.NextCursor;
        var products = page.Value?.Items ?? [];
        var levels = await StockLevels.ForAsync(Api, products.SelectMany(p => p.Variants.Select(v => v.Id)));
        var rows = new List<Row>();
        foreach (var p in products)
        {
            var tracked = p.Variants.Where(v => v.InventoryPolicy == "deny" || levels.ContainsKey(v.Id))
                .Select(v => new Row(v.Id, v.Sku, Catalog.Name(p, v), levels.GetValueOrDefault(v.Id) ?? [])).ToList();
            var named = tracked.Where(r => Q is { Length: > 0 } q && r.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            rows.AddRange(named.Count > 0 ? named : tracked);
        }
        return Low == 1 ? [.. rows.Where(Short)] : rows;
    }

    /// <summary>A page of the levels that are short, each variant's row with its levels at every location.</summary>
    private async Task<List<Row>> ShortAsync(string cursor)
    {
        var page = await Api.GetAsync<Page<StockLevel>>("/admin/inventory/levels?low=true&limit=100" + cursor);
        Problem = page.Problem;
        _next = page.Value?.NextCursor;
        var ids = (page.Value?.Items ?? []).Select(l => l.VariantId).Distinct().ToList();
        var names = Catalog.VariantsAsync(Api, ids);
        var levels = await StockLevels.ForAsync(Api, ids);
        var variants = await names;
        return [.. ids.Where(variants.ContainsKey).Select(id => new Row(id, variants[id].Sku, Catalog.Name(variants[id]), levels.GetValueOrDefault(id) ?? []))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static bool Short(Row r) => r.Levels.Count == 0 || r.Levels.Values.Any(l => l.Available <= (l.LowStockThreshold ?? 0));
}
