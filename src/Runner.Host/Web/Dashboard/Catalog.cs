using Runner.Host.Web.Api;
namespace Runner.Host.Web.Dashboard;

/// <summary>Names for the ids other answers carry (stock levels name variants by id only).</summary>
public static class Catalog
{
    /// <summary>Every product, page by page (the dashboard lists them whole up to a few thousand).</summary>
    public static async Task<List<AdminProduct>> ProductsAsync(AdminApi api, string query = "")
    {
        var all = new List<AdminProduct>();
        string? cursor = null;
        do
        {
            var page = await api.GetAsync<Page<AdminProduct>>($"/admin/products?limit=100{query}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            if (page.Value is null) break;
            all.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
        } while (cursor is not null && all.Count < 5000);
        return all;
    }

    /// <summary>"Product — variant (SKU)" by variant id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> VariantNamesAsync(AdminApi api) =>
        (await ProductsAsync(api)).SelectMany(p => p.Variants.Select(v => (v.Id, Name: Name(p, v)))).ToDictionary(x => x.Id, x => x.Name);

    public static string Name(AdminProduct p, AdminVariant v) =>
        v.Title is "Default" or "Default Title" or "" ? $"{p.Title} ({v.Sku})" : $"{p.Title} — {v.Title} ({v.Sku})";
}
