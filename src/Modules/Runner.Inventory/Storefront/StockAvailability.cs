using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Inventory.Storefront;

/// <summary>
/// Stock as storefronts see it: a variant's available units summed over the live locations that fulfil the channel,
/// each location counting for at least zero (a shortfall at one does not hide stock at another).
/// </summary>
internal sealed class StockAvailability(RunnerDbContext db, StockCache cache) : IStockAvailability
{
    public long Version => cache.Version;

    /// <summary>
    /// From the cache where it has the variant; the rest with one indexed query (the levels' primary key leads with the
    /// variant), whatever their number. What the query reads is kept only if no stock changed while it ran.
    /// </summary>
    public async Task<IReadOnlyDictionary<VariantId, long>> GetAvailableAsync(ChannelId channel, IReadOnlyCollection<VariantId> variants, CancellationToken ct = default)
    {
        var result = new Dictionary<VariantId, long>(variants.Count);
        List<VariantId>? missing = null;
        foreach (var variant in variants)
        {
            if (cache.TryGet(channel, variant, out var units)) result[variant] = units;
            else (missing ??= []).Add(variant);
        }
        if (missing is null) return result;
        var version = cache.Version;
        var loaded = await LoadAsync(channel, missing, ct);
        foreach (var variant in missing)
        {
            var units = loaded.GetValueOrDefault(variant);
            result[variant] = units;
            if (cache.Version == version) cache.Set(channel, variant, units);
        }
        return result;
    }

    private async Task<Dictionary<VariantId, long>> LoadAsync(ChannelId channel, List<VariantId> variants, CancellationToken ct)
    {
        var result = new Dictionary<VariantId, long>();
        var provider = db.Provider();
        var ids = variants.Distinct().ToList();
        await using var command = await Sql.CommandAsync(db, "", ct);
        command.With("channel", Sql.Id(provider, channel.Value));
        for (var i = 0; i < ids.Count; i++) command.With("v" + i, Sql.Id(provider, ids[i].Value));
        command.CommandText = $"""
            SELECT l.variant_id, SUM(CASE WHEN l.on_hand > l.reserved THEN l.on_hand - l.reserved ELSE 0 END)
            FROM inventory_levels l
            JOIN inventory_location_channels lc ON lc.location_id = l.location_id AND lc.channel_id = @channel
            JOIN inventory_locations loc ON loc.id = l.location_id AND loc.archived_at IS NULL
            WHERE l.variant_id IN ({string.Join(", ", ids.Select((_, i) => "@v" + i))})
            GROUP BY l.variant_id
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[new VariantId(Sql.ReadId(reader, 0))] = reader.GetInt64(1);
        return result;
    }

    /// <summary>The same rule as a predicate for the catalog's product query, which binds <c>@channel</c>.</summary>
    public string InStockSql(string variantIdColumn) => $"""
        EXISTS (SELECT 1 FROM inventory_levels l
            JOIN inventory_location_channels lc ON lc.location_id = l.location_id AND lc.channel_id = @channel
            JOIN inventory_locations loc ON loc.id = l.location_id AND loc.archived_at IS NULL
            WHERE l.variant_id = {variantIdColumn} AND l.on_hand - l.reserved > 0)
        """;
}
