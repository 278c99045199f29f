using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Inventory.Storefront;

/// <summary>
/// Stock as storefronts see it: a variant's available units summed over the live locations that fulfil the channel,
/// each location counting for at least zero (a shortfall at one does not hide stock at another).
/// </summary>
internal sealed class StockAvailability(RunnerDbContext db) : IStockAvailability
{
    /// <summary>One indexed query per call (the levels' primary key leads with the variant), whatever the number of variants.</summary>
    public async Task<IReadOnlyDictionary<VariantId, long>> GetAvailableAsync(ChannelId channel, IReadOnlyCollection<VariantId> variants, CancellationToken ct = default)
    {
        var result = new Dictionary<VariantId, long>();
        if (variants.Count == 0) return result;
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
