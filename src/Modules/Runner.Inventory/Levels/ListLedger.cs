using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;

namespace Runner.Inventory.Levels;

/// <summary><c>GET /admin/inventory/ledger</c>: every change of on-hand stock, newest first.</summary>
internal static class ListLedger
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapGet("/ledger", Endpoint).RequirePermission(Permissions.InventoryRead).WithName("ListStockLedger")
            .WithSummary("The stock ledger, newest first: who changed on-hand stock, when, why, by how much, and the result")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Ok<Page<LedgerEntryResponse>>> Endpoint(
        RunnerDbContext db, Guid? variantId, Guid? locationId, int? limit, string? cursor, CancellationToken ct)
    {
        var size = Cursor.Limit(limit);
        var keys = Cursor.Decode(cursor, 2);
        var provider = db.Provider();
        var where = new List<string> { "1 = 1" };
        await using var command = await Sql.CommandAsync(db, "", ct);
        if (variantId is { } v)
        {
            where.Add("variant_id = @variant");
            command.With("variant", Sql.Id(provider, v));
        }
        if (locationId is { } l)
        {
            where.Add("location_id = @location");
            command.With("location", Sql.Id(provider, l));
        }
        if (keys is not null)
        {
            where.Add("(occurred_at, id) < (@before_time, @before_id)");
            command.With("before_time", Sql.Time(provider, Cursor.TimeKey(keys[0])))
                .With("before_id", Sql.Id(provider, Cursor.IdKey(keys[1])));
        }
        command.CommandText = $"""
            SELECT id, variant_id, location_id, delta, on_hand_after, reason, reference, note, actor, occurred_at
            FROM inventory_ledger
            WHERE {string.Join(" AND ", where)}
            ORDER BY occurred_at DESC, id DESC
            LIMIT @limit
            """;
        command.With("limit", size + 1);
        var rows = new List<LedgerEntryResponse>();
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                rows.Add(new LedgerEntryResponse(Sql.ReadId(r, 0), new VariantId(Sql.ReadId(r, 1)), new LocationId(Sql.ReadId(r, 2)),
                    r.GetInt64(3), r.GetInt64(4), Enum.Parse<LedgerReason>(r.GetString(5)),
                    r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), Sql.ReadTime(r, 9)));
            }
        }
        return TypedResults.Ok(Cursor.ToPage(rows, size, e => e, e => Cursor.Encode(e.OccurredAt, e.Id)));
    }
}
