using Microsoft.AspNetCore.Components;
using Runner.Host.Web.Api;

namespace Runner.Host.Web.Dashboard.Products;

/// <summary>
/// Prices and stock of many variants on one page: a page of products (by the list's cursor), one row per live
/// variant. The form stays under the host's 1,024 form values by showing at most <see cref="MaxCells"/> cells.
/// </summary>
public partial class BulkEdit
{
    private const int ProductsPerPage = 25, MaxCells = 900;

    protected override string? Permission => "catalog:read";

    [SupplyParameterFromQuery] public string? Q { get; set; }
    [SupplyParameterFromQuery] public string? Status { get; set; }
    [SupplyParameterFromQuery] public string? Cursor { get; set; }
    [SupplyParameterFromForm(FormName = "grid")] public GridForm? Grid { get; set; }

    private List<GridRow> _rows = [];
    private IReadOnlyList<Location> _locations = [];
    private string? _currency, _next;
    private bool _truncated;
    private GridSave? _save;

    private bool CanPrices => Me.Can("catalog:write") && _currency is not null;
    private bool CanStock => Me.Can("inventory:write");

    private string Query() => string.Join("&", new[] { ("q", Q), ("status", Status) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}"));

    protected override async Task LoadAsync()
    {
        var currency = StoreCurrency.GetAsync(Api, Me);
        var locations = Me.Can("inventory:read") ? Api.GetAsync<Page<Location>>("/admin/locations?limit=100") : null;
        var cursor = Cursor is { Length: > 0 } c ? "&cursor=" + Uri.EscapeDataString(c) : "";
        var page = await Api.GetAsync<Page<ProductDetail>>($"/admin/products?limit={ProductsPerPage}&{Query()}{cursor}");
        Problem = page.Problem;
        _next = page.Value?.NextCursor;
        _locations = locations is null ? [] : [.. ((await locations).Value?.Items ?? []).Where(l => l.Active)];
        _currency = await currency;

        var perRow = 3 + _locations.Count;
        var variants = (page.Value?.Items ?? []).SelectMany(p => p.LiveVariants.Select(v => (p, v))).ToList();
        _truncated = variants.Count * perRow > MaxCells;
        variants = [.. variants.Take(MaxCells / perRow)];
        var levels = await LevelsAsync([.. variants.Select(x => x.v.Id)]);
        _rows = [.. variants.Select(x => new GridRow(x.v.Id, x.p.Id, Name(x.p, x.v), x.v.Sku, x.v.Price, x.v.CompareAtPrice, x.v.Cost,
            levels.GetValueOrDefault(x.v.Id) ?? new Dictionary<Guid, StockLevel>()))];
    }

    /// <summary>Each variant's levels by location (none without inventory:read or locations).</summary>
    private async Task<Dictionary<Guid, Dictionary<Guid, StockLevel>>> LevelsAsync(IReadOnlyCollection<Guid> variants) =>
        _locations.Count == 0 || variants.Count == 0 ? [] : await StockLevels.ForAsync(Api, variants);

    private static string Name(ProductDetail p, VariantDetail v) => v.Title is "Default" or "Default Title" or "" ? p.Title : $"{p.Title} — {v.Title}";

    private async Task SaveAsync()
    {
        if (Grid is null) return;
        if (_currency is null && Me.Can("catalog:write"))
        {
            Problem = new ApiProblem(400, "Currency", "The store's currency is unknown, so no amount can be read.", "web.no_currency", null);
            return;
        }
        _save = new GridSave(Api, _currency ?? "", CanPrices, CanStock, _locations.ToDictionary(l => l.Id, l => l.Name));
        await _save.RunAsync(Grid);
        await LoadAsync();
    }
}
