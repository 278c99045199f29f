using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Analytics.Funnels;

/// <summary>A session as first seen: its quarter-hour, source, device and customer.</summary>
internal sealed record SessionStart(string Id, long Quarter, string Source, string Device, Guid? Customer);

/// <summary>
/// Writes the session facts (<see cref="FunnelSession"/>) and counts what changed in a <see cref="FunnelTally"/>, in the
/// caller's transaction, with statements that decide in the database: a session is counted by the insert that created
/// it, and a step by the conditional update that set it, so two host processes handling batches of the same session
/// never both count it. Sessions go in id order, so two handlers lock shared rows in the same order.
/// </summary>
internal static class FunnelSessions
{
    /// <summary>
    /// Creates the sessions not seen before (a session seen before keeps its first quarter, source and device) and counts
    /// them; names the customer on those that had none.
    /// </summary>
    public static async Task OpenAsync(RunnerDbContext db, Guid channel, IReadOnlyList<SessionStart> sessions, FunnelTally tally, CancellationToken ct)
    {
        if (sessions.Count == 0) return;
        var provider = db.Provider();
        var sorted = sessions.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var values = string.Join(", ", sorted.Select((_, i) => $"(@channel, @s{i}, @q{i}, @src{i}, @d{i}, @c{i}, 0)"));
        await using var command = await Sql.CommandAsync(db, $"""
            INSERT INTO analytics_funnel_sessions (channel_id, session_id, first_quarter, source, device, customer_id, steps)
            VALUES {values}
            ON CONFLICT (channel_id, session_id) DO NOTHING
            RETURNING session_id
            """, ct);
        command.With("channel", Sql.Id(provider, channel));
        for (var i = 0; i < sorted.Count; i++)
        {
            var s = sorted[i];
            command.With($"s{i}", s.Id).With($"q{i}", s.Quarter).With($"src{i}", s.Source).With($"d{i}", s.Device)
                .With($"c{i}", s.Customer is { } c ? Sql.Id(provider, c) : null);
        }
        var created = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) created.Add(reader.GetString(0));
        foreach (var s in sorted.Where(s => created.Contains(s.Id))) tally.AddSession(s.Quarter, s.Source, s.Device, FunnelCounter.Sessions);

        // A shopper who signs in mid-session: the sessions seen before without a customer get one.
        var named = sorted.Where(s => s.Customer is not null && !created.Contains(s.Id)).ToList();
        foreach (var group in named.GroupBy(s => s.Customer!.Value))
        {
            var ids = group.Select(s => s.Id).ToList();
            // The SQL holds placeholders only; every value is a parameter.
            var sql = "UPDATE analytics_funnel_sessions SET customer_id = {0} WHERE channel_id = {1} AND customer_id IS NULL AND session_id IN ("
                + Placeholders(2, ids.Count) + ")";
            await db.Database.ExecuteSqlRawAsync(sql, [Sql.Id(provider, group.Key), Sql.Id(provider, channel), .. ids], ct);
        }
    }

    /// <summary>
    /// Marks <paramref name="step"/> reached by these sessions (which must exist) and counts each session that had not
    /// reached it yet, in its first quarter; a session that has now both started checkout and purchased is counted as a
    /// checkout that was not abandoned.
    /// </summary>
    public static async Task ReachAsync(RunnerDbContext db, Guid channel, FunnelSteps step, IReadOnlyCollection<string> sessionIds,
        FunnelTally tally, CancellationToken ct)
    {
        if (sessionIds.Count == 0) return;
        var provider = db.Provider();
        var ids = sessionIds.Order(StringComparer.Ordinal).ToList();
        await using var command = await Sql.CommandAsync(db, $"""
            UPDATE analytics_funnel_sessions SET steps = steps | @step
            WHERE channel_id = @channel AND (steps & @step) = 0 AND session_id IN ({string.Join(", ", ids.Select((_, i) => $"@s{i}"))})
            RETURNING first_quarter, source, device, steps
            """, ct);
        command.With("step", (int)step).With("channel", Sql.Id(provider, channel));
        for (var i = 0; i < ids.Count; i++) command.With($"s{i}", ids[i]);
        var counter = step switch
        {
            FunnelSteps.ProductView => FunnelCounter.ProductViews,
            FunnelSteps.AddToCart => FunnelCounter.AddsToCart,
            FunnelSteps.CheckoutStarted => FunnelCounter.CheckoutsStarted,
            FunnelSteps.Purchase => FunnelCounter.Purchases,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "One step at a time."),
        };
        const FunnelSteps checkedOut = FunnelSteps.CheckoutStarted | FunnelSteps.Purchase;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (quarter, source, device, steps) = (Long(reader, 0), reader.GetString(1), reader.GetString(2), (FunnelSteps)Long(reader, 3));
            tally.AddSession(quarter, source, device, counter);
            // Only the update that set the second of the two bits sees both set for the first time.
            if ((step & checkedOut) != 0 && (steps & checkedOut) == checkedOut) tally.AddSession(quarter, source, device, FunnelCounter.CheckoutPurchases);
        }
    }

    /// <summary>The steps in the order a session normally reaches them.</summary>
    public static readonly FunnelSteps[] Steps = [FunnelSteps.ProductView, FunnelSteps.AddToCart, FunnelSteps.CheckoutStarted, FunnelSteps.Purchase];

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static string Placeholders(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(i => $"{{{i}}}"));
}
