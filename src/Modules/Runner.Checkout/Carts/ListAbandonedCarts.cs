using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Checkout.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>
/// <c>GET /admin/carts?abandonedBefore=...</c>: open carts with at least one line whose last activity is older than
/// the given instant (default: an hour ago), most recently active first, cursor paged.
/// </summary>
internal static class ListAbandonedCarts
{
    public static readonly TimeSpan DefaultAge = TimeSpan.FromHours(1);

    public static void Map(IEndpointRouteBuilder admin) =>
        admin.MapGet("", Endpoint).RequirePermission(Permissions.OrdersRead).WithName("ListAbandonedCarts")
            .WithSummary("List abandoned carts: open, not empty, last active before `abandonedBefore` (default an hour ago)")
            .WithDescription("Filters: `abandonedBefore` (ISO 8601 instant), `hasEmail` (only carts a message can reach), "
                + "`channelId`. Most recently active first; `limit` 1–100, `cursor` from the previous page.")
            .Produces<Page<AbandonedCartResponse>>().ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Ok<Page<AbandonedCartResponse>>> Endpoint(
        RunnerDbContext db, TimeProvider clock, DateTimeOffset? abandonedBefore, bool? hasEmail, Guid? channelId,
        int? limit, string? cursor, CancellationToken ct)
    {
        var size = Cursor.Limit(limit);
        var keys = Cursor.Decode(cursor, 2);
        var provider = db.Provider();
        var before = Instants.Truncate(abandonedBefore ?? clock.GetUtcNow() - DefaultAge);
        await using var command = await Sql.CommandAsync(db, "", ct);
        var where = new List<string> { "status = 'Open'", "item_count > 0", "last_activity_at < @before" };
        command.With("before", Sql.Time(provider, before));
        if (hasEmail is { } withEmail) where.Add(withEmail ? "email IS NOT NULL" : "email IS NULL");
        if (channelId is { } channel)
        {
            where.Add("channel_id = @channel");
            command.With("channel", Sql.Id(provider, channel));
        }
        if (keys is not null)
        {
            where.Add("(last_activity_at, id) < (@after_time, @after_id)");
            command.With("after_time", Sql.Time(provider, Cursor.TimeKey(keys[0]))).With("after_id", Sql.Id(provider, Cursor.IdKey(keys[1])));
        }
        command.CommandText = $"""
            SELECT id, channel_id, email, currency, item_count, subtotal, visitor_id, session_id, utm_source, utm_medium,
                   utm_campaign, referrer, created_at, last_activity_at
            FROM checkout_carts
            WHERE {string.Join(" AND ", where)}
            ORDER BY last_activity_at DESC, id DESC
            LIMIT @limit
            """;
        command.With("limit", size + 1);
        var rows = new List<AbandonedCartResponse>();
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                var currency = r.GetString(3);
                rows.Add(new AbandonedCartResponse(new CartId(Sql.ReadId(r, 0)), new ChannelId(Sql.ReadId(r, 1)), Text(2), currency,
                    r.GetInt64(4), new Money(r.GetInt64(5), currency), Cart.AttributionOf(Text(6), Text(7), Text(8), Text(9), Text(10), Text(11)), Sql.ReadTime(r, 12), Sql.ReadTime(r, 13)));
            }
        }
        return TypedResults.Ok(Cursor.ToPage(rows, size, c => c, c => Cursor.Encode(c.LastActivityAt, c.Id.Value)));
    }
}
