using Runner.Host.Web.Api;

namespace Runner.Host.Web.Dashboard;

/// <summary>The stock levels of a page's variants, whatever the size of the store.</summary>
public static class StockLevels
{
    /// <summary>How many variant ids <c>GET /admin/inventory/levels?variantIds=</c> takes in one call.</summary>
    public const int Batch = 100;

    /// <summary>
    /// Each variant's levels by location: one call per hundred variants (and per hundred levels of them), so a page
    /// costs the same in a store of ten products and of a hundred thousand. None without inventory:read.
    /// </summary>
    public static async Task<Dictionary<Guid, Dictionary<Guid, StockLevel>>> ForAsync(AdminApi api, IEnumerable<Guid> variants)
    {
        var reads = variants.Distinct().Chunk(Batch).Select(async batch =>
        {
            var levels = new List<StockLevel>();
            var ids = string.Join(',', batch);
            string? cursor = null;
            do
            {
                var read = await api.GetAsync<Page<StockLevel>>($"/admin/inventory/levels?limit=100&variantIds={ids}"
                    + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                if (read.Value is null) break;
                levels.AddRange(read.Value.Items);
                cursor = read.Value.NextCursor;
            } while (cursor is not null);
            return levels;
        });
        return (await Task.WhenAll(reads)).SelectMany(x => x).GroupBy(l => l.VariantId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(l => l.LocationId));
    }
}
