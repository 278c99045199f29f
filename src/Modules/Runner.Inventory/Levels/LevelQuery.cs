using System.Data.Common;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Paging;

namespace Runner.Inventory.Levels;

/// <summary>
/// A page of stock levels, in (variant, location) order with a keyset cursor over the primary key, so a deep page
/// costs what the first does. Shared by the levels list and the low-stock list. <see cref="LowOnly"/>: at or below a
/// threshold that is set; <see cref="Short"/>: at or below the threshold, or zero where none is set (both at live
/// locations only).
/// </summary>
internal sealed record LevelQuery(IReadOnlyList<VariantId>? Variants = null, LocationId? Location = null, bool LowOnly = false,
    bool Short = false)
{
    public async Task<Page<LevelResponse>> PageAsync(RunnerDbContext db, int limit, string? cursor, CancellationToken ct)
    {
        var provider = db.Provider();
        var keys = Cursor.Decode(cursor, 2);
        var where = new List<string> { "1 = 1" };
        await using var command = await Sql.CommandAsync(db, "", ct);
        if (Variants is { } variants)
        {
            if (variants.Count == 0) return new Page<LevelResponse>([], null);
            var names = variants.Select((_, i) => "@variant" + i).ToList();
            where.Add($"l.variant_id IN ({string.Join(", ", names)})");
            for (var i = 0; i < variants.Count; i++) command.With("variant" + i, Sql.Id(provider, variants[i].Value));
        }
        if (Location is { } location)
        {
            where.Add("l.location_id = @location");
            command.With("location", Sql.Id(provider, location.Value));
        }
        var join = LowOnly || Short ? "JOIN inventory_locations loc ON loc.id = l.location_id AND loc.archived_at IS NULL" : "";
        if (LowOnly) where.Add("l.low_stock_threshold IS NOT NULL AND l.on_hand - l.reserved <= l.low_stock_threshold");
        if (Short) where.Add("l.on_hand - l.reserved <= COALESCE(l.low_stock_threshold, 0)");
        if (keys is not null)
        {
            where.Add("(l.variant_id, l.location_id) > (@after_variant, @after_location)");
            command.With("after_variant", Sql.Id(provider, Cursor.IdKey(keys[0])))
                .With("after_location", Sql.Id(provider, Cursor.IdKey(keys[1])));
        }
        command.CommandText = $"""
            SELECT l.variant_id, l.location_id, l.on_hand, l.reserved, l.low_stock_threshold, l.updated_at
            FROM inventory_levels l {join}
            WHERE {string.Join(" AND ", where)}
            ORDER BY l.variant_id, l.location_id
            LIMIT @limit
            """;
        command.With("limit", limit + 1);
        var rows = new List<LevelResponse>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        }
        return Cursor.ToPage(rows, limit, r => r, r => Cursor.Encode(r.VariantId.Value, r.LocationId.Value));
    }

    private static LevelResponse Read(DbDataReader r)
    {
        var onHand = r.GetInt64(2);
        var reserved = r.GetInt64(3);
        return new LevelResponse(new VariantId(Sql.ReadId(r, 0)), new LocationId(Sql.ReadId(r, 1)), onHand, reserved,
            onHand - reserved, r.IsDBNull(4) ? null : r.GetInt64(4), Sql.ReadTime(r, 5));
    }
}
