using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Runner.Analytics.Reports;
using Runner.Kernel.Data;

namespace Runner.Analytics.Funnels;

/// <summary>
/// Reads the counters of one dimension over a range of quarter-hours (<c>from</c> inclusive, <c>to</c> exclusive), each
/// as a <see cref="long"/> array in the order of <see cref="FunnelTally.Columns"/>: the store's total bucket by bucket
/// (for the calendar to cut into local periods), or each key's sum, read from the fewest buckets that cover the range.
/// </summary>
internal static class FunnelQuery
{
    private static readonly string Columns = string.Join(", ", FunnelTally.Columns);

    // PostgreSQL sums bigints as numeric: cast back, so both databases answer bigints.
    private static readonly string Sums = string.Join(", ", FunnelTally.Columns.Select(c => $"CAST(SUM({c}) AS BIGINT)"));

    /// <summary>
    /// On PostgreSQL, opens the read-only snapshot a report's queries share (its totals and series agree even while
    /// handlers add to the counters), with parallel workers and JIT off: each query reads a few hundred rows, and the
    /// planner, estimating from generic parameters, would otherwise start workers that cost tens of milliseconds each.
    /// On SQLite, nothing (a transaction there would queue behind the writers).
    /// </summary>
    public static async Task<IDbContextTransaction?> SnapshotAsync(RunnerDbContext db, CancellationToken ct)
    {
        if (db.Provider() != DatabaseProvider.Postgres) return null;
        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var command = await Sql.CommandAsync(db, "SET TRANSACTION READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off", ct);
        await command.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    /// <summary>
    /// The store's total in each bucket a series reads (<see cref="SeriesPlan.Buckets"/>), by grain and bucket index; a
    /// bucket with nothing counted is absent. Dense buckets are read as one range (the few extra are never used).
    /// </summary>
    public static async Task<Dictionary<(Grain Grain, long Bucket), long[]>> TotalsOfAsync(RunnerDbContext db, SeriesPlan plan, CancellationToken ct)
    {
        var totals = new Dictionary<(Grain, long), long[]>();
        foreach (var (grain, buckets) in plan.Buckets)
        {
            var starts = buckets.Select(b => BucketRanges.StartQuarter(grain, b)).ToList();
            var (first, last) = (starts[0], starts[^1]);
            var query = db.Set<FunnelBucket>().AsNoTracking().Where(b => b.Dimension == FunnelDimensions.Total && b.Grain == grain && b.DimensionKey == "");
            var rows = await (plan.IsDense(grain)
                ? query.Where(b => b.Quarter >= first && b.Quarter <= last)
                : query.Where(b => EF.Parameter(starts).Contains(b.Quarter))).ToListAsync(ct);
            foreach (var row in rows) totals[(grain, BucketRanges.IndexOf(grain, row.Quarter))] = FunnelTally.CountsOf(row);
        }
        return totals;
    }

    /// <summary>
    /// Each key of <paramref name="dimension"/> with its counters summed over the range, read from the fewest buckets that
    /// cover it (<see cref="BucketRanges.Cover"/>), those of each segment added or taken away; a key whose sums are all
    /// zero is left out (it had something only in buckets the range takes away).
    /// </summary>
    public static async Task<Dictionary<string, long[]>> SumByKeyAsync(RunnerDbContext db, string dimension, long from, long to, CancellationToken ct)
    {
        var sums = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var segments = BucketRanges.Cover(from, to, Grain.Year);
        if (segments.Count == 0) return sums;
        var parts = segments.Select((_, i) => $"""
            SELECT dimension_key, {string.Join(", ", FunnelTally.Columns.Select(c => $"@sign{i} * {c} AS {c}"))} FROM analytics_funnel_buckets
            WHERE dimension = @dimension AND grain = @g{i} AND quarter >= @from{i} AND quarter < @to{i}
            """);
        await using var command = await Sql.CommandAsync(db,
            $"SELECT dimension_key, {Sums} FROM ({string.Join(" UNION ALL ", parts)}) AS buckets GROUP BY dimension_key", ct);
        command.With("dimension", dimension);
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            command.With($"sign{i}", (long)s.Sign).With($"g{i}", (int)s.Grain)
                .With($"from{i}", BucketRanges.StartQuarter(s.Grain, s.From)).With($"to{i}", BucketRanges.StartQuarter(s.Grain, s.To));
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (Counts(reader) is var counts && counts.Any(c => c != 0)) sums[reader.GetString(0)] = counts;
        return sums;
    }

    /// <summary>The store's total summed over the range.</summary>
    public static async Task<long[]> TotalAsync(RunnerDbContext db, long from, long to, CancellationToken ct) =>
        (await SumByKeyAsync(db, FunnelDimensions.Total, from, to, ct)).GetValueOrDefault("") ?? new long[FunnelTally.Columns.Length];

    private static long[] Counts(DbDataReader reader)
    {
        var counts = new long[FunnelTally.Columns.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = reader.GetInt64(i + 1);
        return counts;
    }
}
