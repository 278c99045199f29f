using System.Data.Common;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Inventory.Stock;

/// <summary>A level after a change: what is on hand, what is reserved, and its low-stock threshold.</summary>
internal readonly record struct LevelState(long OnHand, long Reserved, long? Threshold)
{
    public long Available => OnHand - Reserved;

    /// <summary>The level as the statement that changed it at <paramref name="updatedAt"/> left it.</summary>
    public LevelResponse ToResponse(VariantId variant, LocationId location, DateTimeOffset updatedAt) =>
        new(variant, location, OnHand, Reserved, Available, Threshold, updatedAt);
}

/// <summary>A location a reservation may draw from, with its priority and the units it has available now.</summary>
internal readonly record struct Candidate(LocationId Location, int Priority, long Available);

/// <summary>
/// Every statement that changes stock quantities. Each is one conditional UPDATE whose WHERE clause states the rule
/// (no oversell, no removal below zero on hand), so the database decides atomically and two requests can never take
/// the same unit; RETURNING hands back the level as the statement left it. No row means the rule refused the change.
/// <para>
/// The one exception is a backorder (a variant whose policy is <c>continue</c>): its units beyond the stock are held
/// and sold regardless, and on hand goes below zero by the units sold and owed. The ledger stays the exact running
/// sum of on hand, and received stock covers what is owed before anything becomes available again.
/// </para>
/// </summary>
internal static class StockSql
{
    private const string Key = "WHERE variant_id = @variant AND location_id = @location";
    private const string Returning = "RETURNING on_hand, reserved, low_stock_threshold";

    /// <summary>Creates the level at zero when it does not exist yet (a concurrent insert of the same level wins harmlessly).</summary>
    public static async Task EnsureLevelAsync(RunnerDbContext db, VariantId variant, LocationId location, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, """
            INSERT INTO inventory_levels (variant_id, location_id, on_hand, reserved, updated_at)
            VALUES (@variant, @location, 0, 0, @now)
            ON CONFLICT (variant_id, location_id) DO NOTHING
            """, variant, location, ct);
        command.With("now", Sql.Time(db.Provider(), now));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> units on hand (negative to remove). A removal may not go below zero; units added
    /// to a level below zero (backorders owed) are always taken.
    /// </summary>
    public static Task<LevelState?> AddOnHandAsync(RunnerDbContext db, VariantId variant, LocationId location, long delta, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET on_hand = on_hand + @n, updated_at = @now {Key} AND (@n >= 0 OR on_hand + @n >= 0) {Returning}",
            variant, location, delta, now, ct);

    /// <summary>Removes <paramref name="quantity"/> units on hand only if that many are available (not reserved for anyone).</summary>
    public static Task<LevelState?> TakeAvailableAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET on_hand = on_hand - @n, updated_at = @now {Key} AND on_hand - reserved >= @n {Returning}",
            variant, location, quantity, now, ct);

    /// <summary>Reserves <paramref name="quantity"/> units only if that many are available: the no-oversell rule in one statement.</summary>
    public static Task<LevelState?> ReserveAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET reserved = reserved + @n, updated_at = @now {Key} AND on_hand - reserved >= @n {Returning}",
            variant, location, quantity, now, ct);

    /// <summary>Holds <paramref name="quantity"/> units whether or not they are available: a backorder's share beyond the stock.</summary>
    public static Task<LevelState?> ReserveBackorderAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET reserved = reserved + @n, updated_at = @now {Key} {Returning}",
            variant, location, quantity, now, ct);

    /// <summary>Gives reserved units back.</summary>
    public static Task<LevelState?> UnreserveAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET reserved = reserved - @n, updated_at = @now {Key} AND reserved >= @n {Returning}",
            variant, location, quantity, now, ct);

    /// <summary>Sells reserved units: they leave on hand and the reservation's hold on them ends.</summary>
    public static Task<LevelState?> SellReservedAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET on_hand = on_hand - @n, reserved = reserved - @n, updated_at = @now {Key} AND on_hand >= @n AND reserved >= @n {Returning}",
            variant, location, quantity, now, ct);

    /// <summary>Sells the reserved units of a backorder: on hand may go below zero by the units not in stock.</summary>
    public static Task<LevelState?> SellBackorderedAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET on_hand = on_hand - @n, reserved = reserved - @n, updated_at = @now {Key} AND reserved >= @n {Returning}",
            variant, location, quantity, now, ct);

    /// <summary>Sets on hand to a counted number.</summary>
    public static Task<LevelState?> SetOnHandAsync(RunnerDbContext db, VariantId variant, LocationId location, long quantity, DateTimeOffset now, CancellationToken ct) =>
        ChangeAsync(db, $"UPDATE inventory_levels SET on_hand = @n, updated_at = @now {Key} {Returning}", variant, location, quantity, now, ct);

    /// <summary>Sets (or, with null, clears) the low-stock threshold.</summary>
    public static async Task<LevelState?> SetThresholdAsync(RunnerDbContext db, VariantId variant, LocationId location, long? threshold, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = await CommandAsync(db,
            $"UPDATE inventory_levels SET low_stock_threshold = @threshold, updated_at = @now {Key} {Returning}", variant, location, ct);
        command.With("threshold", threshold).With("now", Sql.Time(db.Provider(), now));
        return await ReadStateAsync(command, ct);
    }

    /// <summary>
    /// Reads a level and, on PostgreSQL, locks it until the transaction ends (SQLite's transaction already holds the
    /// write lock): for a count, whose ledger delta is the difference from what was on hand.
    /// </summary>
    public static async Task<LevelState?> LockAsync(RunnerDbContext db, VariantId variant, LocationId location, CancellationToken ct)
    {
        var forUpdate = db.Provider() == DatabaseProvider.Postgres ? "FOR UPDATE" : "";
        await using var command = await CommandAsync(db,
            $"SELECT on_hand, reserved, low_stock_threshold FROM inventory_levels {Key} {forUpdate}", variant, location, ct);
        return await ReadStateAsync(command, ct);
    }

    /// <summary>
    /// The variant's levels at live locations (fulfilling <paramref name="channel"/> when given), locked on PostgreSQL
    /// in location id order: every writer that locks several levels of a variant takes them in this order, so two
    /// reservations can wait for each other but never deadlock.
    /// </summary>
    public static async Task<List<Candidate>> LockCandidatesAsync(RunnerDbContext db, VariantId variant, ChannelId? channel, CancellationToken ct)
    {
        var provider = db.Provider();
        var channelJoin = channel is null ? ""
            : "JOIN inventory_location_channels lc ON lc.location_id = l.location_id AND lc.channel_id = @channel";
        var forUpdate = provider == DatabaseProvider.Postgres ? "FOR UPDATE OF l" : "";
        await using var command = await Sql.CommandAsync(db, $"""
            SELECT l.location_id, loc.priority, l.on_hand - l.reserved
            FROM inventory_levels l
            JOIN inventory_locations loc ON loc.id = l.location_id AND loc.archived_at IS NULL
            {channelJoin}
            WHERE l.variant_id = @variant
            ORDER BY l.location_id
            {forUpdate}
            """, ct);
        command.With("variant", Sql.Id(provider, variant.Value));
        if (channel is { } c) command.With("channel", Sql.Id(provider, c.Value));
        var candidates = new List<Candidate>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            candidates.Add(new Candidate(new LocationId(Sql.ReadId(reader, 0)), reader.GetInt32(1), reader.GetInt64(2)));
        return candidates;
    }

    private static async Task<LevelState?> ChangeAsync(RunnerDbContext db, string sql, VariantId variant, LocationId location,
        long n, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql, variant, location, ct);
        command.With("n", n).With("now", Sql.Time(db.Provider(), now));
        var state = await ReadStateAsync(command, ct);
        if (state is not null) Storefront.StockCache.AfterCommit(db, variant);
        return state;
    }

    private static async Task<DbCommand> CommandAsync(RunnerDbContext db, string sql, VariantId variant, LocationId location, CancellationToken ct)
    {
        var provider = db.Provider();
        var command = await Sql.CommandAsync(db, sql, ct);
        return command.With("variant", Sql.Id(provider, variant.Value)).With("location", Sql.Id(provider, location.Value));
    }

    private static async Task<LevelState?> ReadStateAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new LevelState(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }
}
