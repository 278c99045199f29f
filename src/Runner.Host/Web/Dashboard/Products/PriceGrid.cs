using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Host.Web.Api;
using Runner.Host.Web.Shared;
using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Products;

/// <summary>One variant of the bulk grid: its prices and its stock level at each location (absent: none yet).</summary>
public sealed record GridRow(Guid VariantId, Guid ProductId, string Name, string Sku, Money Price, Money? CompareAt, Money? Cost,
    IReadOnlyDictionary<Guid, StockLevel> Levels);

/// <summary>What the grid showed, posted back with it, so that only the cells the person changed are sent.</summary>
public sealed record GridShown(Guid Product, string Sku, long Price, long? CompareAt, long? Cost, Dictionary<Guid, long> OnHand);

/// <summary>The bulk grid as posted: cells keyed by variant id (stock by "variant:location").</summary>
public sealed class GridForm
{
    public Dictionary<Guid, string?> Price { get; set; } = [];
    public Dictionary<Guid, string?> CompareAt { get; set; } = [];
    public Dictionary<Guid, string?> Cost { get; set; } = [];
    public Dictionary<string, string?> Stock { get; set; } = [];
    public string? Shown { get; set; }

    public static string StockKey(Guid variant, Guid location) => $"{variant:N}:{location:N}";

    public static string Describe(IEnumerable<GridRow> rows) => JsonSerializer.Serialize(rows.ToDictionary(r => r.VariantId,
        r => new GridShown(r.ProductId, r.Sku, r.Price.Minor, r.CompareAt?.Minor, r.Cost?.Minor, r.Levels.ToDictionary(l => l.Key, l => l.Value.OnHand))));
}

/// <summary>
/// Saves what changed in the grid through the admin API: prices and compare-at prices in one all-or-nothing call
/// (<c>POST /admin/products/prices</c>), costs by a merge patch of each variant, stock by a count
/// (<c>POST /admin/inventory/adjustments</c>, reason counted) per changed cell. Reports each change, saved or refused.
/// </summary>
public sealed class GridSave(AdminApi api, string currency, bool prices, bool stock, IReadOnlyDictionary<Guid, string> locations)
{
    public List<string> Saved { get; } = [];
    public List<string> Refused { get; } = [];

    public async Task RunAsync(GridForm form)
    {
        Dictionary<Guid, GridShown> shown;
        try
        {
            shown = JsonSerializer.Deserialize<Dictionary<Guid, GridShown>>(form.Shown ?? "{}") ?? [];
        }
        catch (JsonException)
        {
            Refused.Add("The grid's form was not recognised: nothing was saved. Open the page again.");
            return;
        }
        // A dictionary with no cell posted binds as null.
        (form.Price, form.CompareAt, form.Cost, form.Stock) = (form.Price ?? [], form.CompareAt ?? [], form.Cost ?? [], form.Stock ?? []);
        var items = new JsonArray();
        var said = new List<string>();
        var costs = new List<(Guid Variant, GridShown Was, Money? Cost)>();
        var counts = new List<(Guid Variant, Guid Location, string Sku, long Units)>();
        foreach (var (variant, was) in shown)
        {
            if (prices)
            {
                var item = new JsonObject { ["variantId"] = variant };
                if (Changed(form.Price, variant, was.Sku, "price", was.Price, out var price))
                {
                    if (price is { } p)
                    {
                        item["price"] = ProductForm.Node(p);
                        said.Add($"{was.Sku}: price {Format.Money(p)}");
                    }
                    else Refused.Add($"{was.Sku}: a variant needs a price.");
                }
                if (Changed(form.CompareAt, variant, was.Sku, "compare-at price", was.CompareAt, out var compare))
                {
                    if (compare is { } c) item["compareAtPrice"] = ProductForm.Node(c);
                    else item["clearCompareAtPrice"] = true;
                    said.Add($"{was.Sku}: compare-at price {Format.Money(compare)}");
                }
                if (item.Count > 1) items.Add(item);
                if (Changed(form.Cost, variant, was.Sku, "cost", was.Cost, out var cost)) costs.Add((variant, was, cost));
            }
            if (!stock) continue;
            foreach (var (key, typed) in form.Stock.Where(s => s.Key.StartsWith($"{variant:N}:", StringComparison.Ordinal)))
            {
                if (!Guid.TryParse(key[(key.IndexOf(':') + 1)..], out var location) || string.IsNullOrWhiteSpace(typed)) continue;
                if (!long.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var units))
                    Refused.Add($"{was.Sku}: '{typed.Trim()}' is not a number of units.");
                else if (!was.OnHand.TryGetValue(location, out var before) || before != units) counts.Add((variant, location, was.Sku, units));
            }
        }
        if (items.Count > 0)
        {
            var result = await api.PostAsync<JsonElement>("/admin/products/prices", new JsonObject { ["items"] = items });
            if (result.Problem is { } problem) Refused.Add($"Prices (none saved): {problem.Message}");
            else Saved.AddRange(said);
        }
        foreach (var (variant, was, cost) in costs)
        {
            var result = await api.PatchAsync<JsonElement>($"/admin/products/{was.Product}/variants/{variant}", new JsonObject { ["cost"] = ProductForm.Node(cost) });
            Report(result.Problem, $"{was.Sku}: cost {Format.Money(cost)}");
        }
        foreach (var (variant, location, sku, units) in counts)
        {
            var result = await api.PostAsync<JsonElement>("/admin/inventory/adjustments", new
            {
                variantId = variant, locationId = location, reason = "counted", quantity = units, note = "Bulk edit",
            });
            Report(result.Problem, $"{sku}: {units} on hand at {locations.GetValueOrDefault(location, "a location")}");
        }
    }

    private void Report(ApiProblem? problem, string change)
    {
        if (problem is null) Saved.Add(change);
        else Refused.Add($"{change}: {problem.Message}");
    }

    /// <summary>Whether the cell's amount differs from the one shown; an unreadable amount is refused here.</summary>
    private bool Changed(Dictionary<Guid, string?> cells, Guid variant, string sku, string what, long? was, out Money? now)
    {
        now = null;
        if (!cells.TryGetValue(variant, out var typed)) return false;
        if (!Amounts.TryParse(typed, currency, $"{sku} {what}", out now, out var error))
        {
            if (!Refused.Contains(error!)) Refused.Add(error!);
            return false;
        }
        return now?.Minor != was;
    }
}
