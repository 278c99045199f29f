using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Analytics.Live;

/// <summary>
/// A change the dashboard should see at once (table <c>analytics_live</c>): an order booked, a refund, an expense. It is
/// written in the same transaction as the ledger change it announces, so every host process reads the same feed, in
/// <see cref="Id"/> order, and a change that rolled back was never announced.
/// </summary>
internal sealed class LiveChange
{
    public long Id { get; set; }
    /// <summary>What changed: <c>order.placed</c>, <c>order.refunded</c>, <c>expense.created</c>…</summary>
    public required string Kind { get; set; }
    /// <summary>The change as JSON (camelCase), as the stream sends it.</summary>
    public required string Data { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Appends to the live feed within the caller's unit of work (saved with it).</summary>
internal static class LiveFeed
{
    public static void Append(RunnerDbContext db, string kind, object data, DateTimeOffset at) =>
        db.Add(new LiveChange { Kind = kind, Data = JsonSerializer.Serialize(data, RunnerJson.Options), At = at });

    /// <summary>
    /// Appends to the live feed now, with one plain statement in the caller's transaction: for the ledger's handlers,
    /// which every order runs. The id the database gives the row is not read back, so the caller's save stays free of
    /// store-generated values (<see cref="AddedRows"/>). The change tracker never sees the row, so the broadcaster is
    /// woken here once the transaction commits (as <see cref="LiveCommitWake"/> does for <see cref="Append"/>).
    /// </summary>
    public static async Task WriteAsync(RunnerDbContext db, LiveBroadcaster live, string kind, object data, DateTimeOffset at, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("INSERT INTO analytics_live (kind, data, at) VALUES ({0}, {1}, {2})",
            [kind, JsonSerializer.Serialize(data, RunnerJson.Options), Sql.Time(db.Provider(), at)], ct);
        db.AfterCommit(live.Wake);
    }
}

internal sealed class LiveModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider) => model.Entity<LiveChange>(e =>
    {
        e.ToTable("analytics_live");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Kind).HasMaxLength(40);
        e.HasIndex(x => x.At);
    });
}
