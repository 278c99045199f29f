using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Locations;
using Runner.Inventory.Stock;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Actors;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Inventory.Reservations;

/// <summary>
/// <c>POST /admin/inventory/reservations</c>: holds units of a variant for a while. It succeeds only if the units are
/// available, decided by the database in conditional updates, so two buyers can never hold the same unit. A backorder
/// (see <see cref="ReserveRequest.Backorder"/>) takes what is available and holds the rest beyond the stock.
/// </summary>
internal sealed class ReserveStock(
    RunnerDbContext db, InventoryLookups lookups, IStoreQueries store, StockJournal journal, IActorAccessor actors, TimeProvider clock)
{
    public const long MaxQuantity = 100_000;
    public const int MaxTtlSeconds = 86_400;
    public const int MaxReference = 200;

    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/reservations", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("ReserveStock")
            .WithSummary("Reserve units of a variant for ttlSeconds (default 900), at one location or by location priority")
            .WithDescription("Without `locationId` the units come from live locations (fulfilling `channelId` when given) in "
                + "priority order, possibly from several. 409 `inventory.insufficient_stock` (with `available`) when fewer "
                + "units are available; nothing is reserved then. With `backorder` (only for a variant whose inventory policy is "
                + "`continue`) it never fails for stock: the units available are taken and the rest held as `backordered`.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static async Task<Results<Created<ReservationResponse>, ProblemHttpResult>> Endpoint(
        ReserveRequest request, ReserveStock handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/inventory/reservations/{result.Value.Id}", result.Value)
            : Problems.Of(result.Error);
    }

    public async Task<Result<ReservationResponse>> RunAsync(ReserveRequest r, CancellationToken ct)
    {
        var checkedRequest = await CheckAsync([r], ct);
        if (!checkedRequest.IsSuccess) return checkedRequest.Error;
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<ReservationResponse>(db, async ct =>
        {
            var taken = await TakeAsync(checkedRequest.Value[0], now, ct);
            if (!taken.IsSuccess) return taken.Error;
            Keep(taken.Value);
            await AddedRows.SaveAsync(db, ct);
            return taken.Value.Reservation.ToResponse();
        }, ct);
    }

    /// <summary>
    /// Reserves several lines (a checkout's) as one unit, in the order given: every request is checked before the
    /// transaction starts, then each line takes its units with the same conditional updates as one by one, and the
    /// reservations are saved together. When any line is short, none is kept and <paramref name="shortages"/> names
    /// every short line (its index and the units available); other refusals are the first line's error.
    /// </summary>
    public async Task<Result<IReadOnlyList<ReservationResponse>>> RunManyAsync(IReadOnlyList<ReserveRequest> requests,
        List<(int Index, long Available)> shortages, CancellationToken ct)
    {
        var checkedRequests = await CheckAsync(requests, ct);
        if (!checkedRequests.IsSuccess) return checkedRequests.Error;
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<IReadOnlyList<ReservationResponse>>(db, async ct =>
        {
            var made = new List<Taken>(requests.Count);
            Error? refused = null;
            for (var i = 0; i < checkedRequests.Value.Count; i++)
            {
                var taken = await TakeAsync(checkedRequests.Value[i], now, ct);
                if (taken.IsSuccess) made.Add(taken.Value);
                else if (taken.Error.Code == InventoryErrors.InsufficientStockCode)
                    shortages.Add((i, taken.Error.Extensions?.GetValueOrDefault("available") is long available ? available : 0));
                else refused ??= taken.Error;
            }
            // A failed result rolls the transaction back: the lines taken before a short one are not kept, and nothing
            // was added to the context for them (their reservations and low-stock alerts are added only now).
            if (refused is not null) return refused;
            if (shortages.Count > 0) return InventoryErrors.InsufficientStock(0, 0);
            foreach (var taken in made) Keep(taken);
            await AddedRows.SaveAsync(db, ct);
            return made.Select(t => t.Reservation.ToResponse()).ToList();
        }, ct);
    }

    /// <summary>A reservation made inside the transaction, with the shares of stock it took, not yet in the context.</summary>
    private sealed record Taken(Reservation Reservation, VariantId Variant, List<Share> Shares);

    /// <summary>Adds a reservation to the context with the low-stock alerts its shares crossed (after the last check).</summary>
    private void Keep(Taken taken)
    {
        foreach (var share in taken.Shares)
            journal.WatchThreshold(taken.Variant, share.Location, share.After.Available + share.Quantity, share.After);
        db.Add(taken.Reservation);
    }

    /// <summary>A request that passed its checks, with the location it names (when it names one).</summary>
    private sealed record Checked(ReserveRequest Request, Location? Location);

    /// <summary>The checks of every request, with one lookup of their variants and of the channels they name.</summary>
    private async Task<Result<IReadOnlyList<Checked>>> CheckAsync(IReadOnlyList<ReserveRequest> requests, CancellationToken ct)
    {
        var v = new Validator();
        var many = requests.Count > 1;
        for (var i = 0; i < requests.Count; i++)
        {
            var prefix = many ? $"{i}/" : "";
            v.Range(prefix + "quantity", requests[i].Quantity, 1, MaxQuantity);
            v.Range(prefix + "ttlSeconds", requests[i].TtlSeconds, 1, MaxTtlSeconds);
            v.MaxLength(prefix + "reference", requests[i].Reference, MaxReference);
        }
        var variants = await lookups.VariantsAsync(v, [.. requests.Select((r, i) => ((many ? $"{i}/" : "") + "variantId", r.VariantId))], ct);
        var locations = new Location?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
            if (requests[i].LocationId is { } id) locations[i] = await lookups.LocationAsync(v, (many ? $"{i}/" : "") + "locationId", id, ct);
        var channels = requests.Select(r => r.ChannelId).OfType<ChannelId>().Distinct().ToList();
        if (channels.Count > 0)
        {
            var live = (await store.FindChannelsAsync(channels, ct)).Select(c => c.Id).ToHashSet();
            for (var i = 0; i < requests.Count; i++)
                if (requests[i].ChannelId is { } c && !live.Contains(c))
                    v.Add((many ? $"{i}/" : "") + "channelId", "inventory.unknown_channel", "No active sales channel has this id.");
        }
        if (!v.IsValid) return v.ToError();
        var result = new List<Checked>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var (r, location) = (requests[i], locations[i]);
            if (InventoryLookups.IsArchived(variants[r.VariantId])) return InventoryErrors.VariantArchived("variantId");
            if (location is { ArchivedAt: not null }) return InventoryErrors.LocationArchived("locationId");
            if (location is not null && r.ChannelId is { } c && location.Channels.All(x => x.ChannelId != c))
                return Error.Unprocessable("inventory.location_not_in_channel", "This location does not fulfil the given channel.");
            if (r.Backorder && variants[r.VariantId].InventoryPolicy != InventoryPolicy.Continue)
                return Error.Unprocessable("inventory.backorder_not_allowed",
                    "Only a variant that keeps selling when out of stock (inventory policy continue) can be backordered.");
            result.Add(new Checked(r, location));
        }
        return result;
    }

    /// <summary>Takes one request's units (inside the transaction) and makes its reservation, not yet added to the context.</summary>
    private async Task<Result<Taken>> TakeAsync(Checked c, DateTimeOffset now, CancellationToken ct)
    {
        var r = c.Request;
        var taken = c.Location is not null
            ? await TakeAtAsync(r.VariantId, c.Location, r.Quantity, r.Backorder, now, ct)
            : await TakeByPriorityAsync(r.VariantId, r.ChannelId, r.Quantity, r.Backorder, now, ct);
        if (!taken.IsSuccess) return taken.Error;
        var reservation = new Reservation
        {
            Id = TypedId.New<ReservationId>(),
            VariantId = r.VariantId,
            Quantity = r.Quantity,
            Status = ReservationStatus.Active,
            ChannelId = r.ChannelId,
            Reference = string.IsNullOrWhiteSpace(r.Reference) ? null : r.Reference.Trim(),
            ExpiresAt = now.AddSeconds(r.TtlSeconds),
            CreatedAt = now,
            CreatedBy = actors.Current.ToString(),
            Backorder = r.Backorder,
        };
        reservation.Allocations.AddRange(taken.Value.Select(t => new ReservationAllocation
            { ReservationId = reservation.Id, LocationId = t.Location, Quantity = t.Quantity, Backordered = t.Backordered }));
        return new Taken(reservation, r.VariantId, taken.Value);
    }

    /// <summary>The units taken at one location, how many of them were not in stock, and the level afterwards.</summary>
    private readonly record struct Share(LocationId Location, long Quantity, long Backordered, LevelState After);

    /// <summary>
    /// At a named location: exactly one conditional update decides. A backorder locks the level (creating it at zero
    /// when the variant was never stocked there), counts what is in stock, and holds all the units.
    /// </summary>
    private async Task<Result<List<Share>>> TakeAtAsync(
        VariantId variant, Location location, long quantity, bool backorder, DateTimeOffset now, CancellationToken ct)
    {
        if (backorder)
        {
            await StockSql.EnsureLevelAsync(db, variant, location.Id, now, ct);
            var before = await StockSql.LockAsync(db, variant, location.Id, ct);
            var inStock = Math.Clamp(before?.Available ?? 0, 0, quantity);
            var held = await StockSql.ReserveBackorderAsync(db, variant, location.Id, quantity, now, ct);
            return new List<Share> { new(location.Id, quantity, quantity - inStock, held!.Value) };
        }
        if (await StockSql.ReserveAsync(db, variant, location.Id, quantity, now, ct) is { } after)
            return new List<Share> { new(location.Id, quantity, 0, after) };
        var level = await StockSql.LockAsync(db, variant, location.Id, ct);
        return InventoryErrors.InsufficientStock(level?.Available ?? 0, quantity);
    }

    /// <summary>
    /// By priority, possibly across locations. Deciding how much each location gives needs every candidate level at
    /// once, so this is the row-lock case of the conventions rather than a single statement: the candidates are read
    /// with their rows locked (PostgreSQL: <c>FOR UPDATE</c> in location order, the order every multi-row writer uses,
    /// so it cannot deadlock; SQLite: the transaction already holds the write lock), the split is computed by
    /// <see cref="Allocation"/>, and each share is still taken with the conditional update. Should any of them find
    /// fewer units than planned, the whole reservation is refused and rolled back.
    /// <para>
    /// A backorder takes what is available the same way, so stock on hand is sold first, and holds the rest at the
    /// first of those locations by priority (one that carries the variant, expected to receive the stock that covers
    /// it); when the variant was never stocked anywhere, at the first live location by priority fulfilling the channel.
    /// </para>
    /// </summary>
    private async Task<Result<List<Share>>> TakeByPriorityAsync(
        VariantId variant, ChannelId? channel, long quantity, bool backorder, DateTimeOffset now, CancellationToken ct)
    {
        var candidates = await StockSql.LockCandidatesAsync(db, variant, channel, ct);
        var byPriority = candidates.OrderBy(c => c.Priority).ThenBy(c => c.Location.Value)
            .Select(c => (c.Location, c.Available)).ToList();
        var available = byPriority.Sum(c => Math.Max(c.Available, 0));
        var (plan, left) = Allocation.TakeAvailable(byPriority, quantity);
        if (left > 0 && !backorder) return InventoryErrors.InsufficientStock(available, quantity);
        var taken = new List<Share>(plan.Count + 1);
        foreach (var (location, share) in plan)
        {
            if (await StockSql.ReserveAsync(db, variant, location, share, now, ct) is not { } after)
                return InventoryErrors.InsufficientStock(available, quantity);
            taken.Add(new Share(location, share, 0, after));
        }
        if (left == 0) return taken;

        var owedAt = byPriority.Count > 0 ? byPriority[0].Location : await FirstLocationAsync(channel, ct);
        if (owedAt is not { } target) return InventoryErrors.InsufficientStock(available, quantity);
        await StockSql.EnsureLevelAsync(db, variant, target, now, ct);
        var held = (await StockSql.ReserveBackorderAsync(db, variant, target, left, now, ct))!.Value;
        var i = taken.FindIndex(t => t.Location == target);
        if (i < 0) taken.Add(new Share(target, left, left, held));
        else taken[i] = new Share(target, taken[i].Quantity + left, left, held);
        return taken;
    }

    /// <summary>The first live location by priority (then id) fulfilling the channel, when one is given.</summary>
    private async Task<LocationId?> FirstLocationAsync(ChannelId? channel, CancellationToken ct)
    {
        var live = db.Set<Location>().AsNoTracking().Where(l => l.ArchivedAt == null);
        if (channel is { } c) live = live.Where(l => l.Channels.Any(x => x.ChannelId == c));
        var first = await live.OrderBy(l => l.Priority).ThenBy(l => l.Id).Select(l => new { l.Id }).FirstOrDefaultAsync(ct);
        return first?.Id;
    }
}
