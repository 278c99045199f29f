using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Reports;
using Runner.Kernel.Data;

namespace Runner.Analytics.Funnels;

/// <summary>The funnel steps a session can reach, as bits of <see cref="FunnelSession.Steps"/>.</summary>
[Flags]
internal enum FunnelSteps
{
    None = 0,
    ProductView = 1,
    AddToCart = 2,
    CheckoutStarted = 4,
    Purchase = 8,
}

/// <summary>
/// What the funnel knows of one storefront session (table <c>analytics_funnel_sessions</c>, keyed by sales channel and
/// session id): the quarter-hour it was first seen, its traffic source and device (from its first event), the
/// signed-in customer, and the steps it has reached. A session is counted in the quarter it was first seen, once per
/// step, whenever the step is reached: a conditional update sets the step's bit, and only the update that set it counts
/// it. Kept as long as the raw events (<see cref="AnalyticsOptions.RawEventRetentionDays"/>).
/// </summary>
internal sealed class FunnelSession
{
    public Guid ChannelId { get; set; }
    public required string SessionId { get; set; }
    public long FirstQuarter { get; set; }
    public required string Source { get; set; }
    public required string Device { get; set; }
    public Guid? CustomerId { get; set; }
    public FunnelSteps Steps { get; set; }
}

/// <summary>
/// The funnel's counters for one member of a dimension over one UTC quarter-hour, hour, day, month or year (table
/// <c>analytics_funnel_buckets</c>, keyed by dimension, grain, the bucket's first quarter-hour and key), only ever
/// incremented. Dimension <c>total</c> (key <c>""</c>), <c>channel</c> (the traffic source) and <c>device</c> count
/// sessions and the sessions that reached each step (in the quarter the session was first seen, plus the purchases of
/// orders with no known session); every dimension counts what happened to products in the quarter it happened:
/// <see cref="Views"/> (product views), <see cref="Adds"/> (units added to a cart), <see cref="PurchasedUnits"/> (units
/// ordered, from the orders themselves), and for collections <see cref="CollectionViews"/> (views of its page).
/// <para>
/// The quarter-hours are the truth: local hours, days, weeks and months are cut from them at query time in the store's
/// time zone. Every increment also goes to the UTC hour, day, month and year holding its quarter-hour, in the same
/// statement, so a sum over a long range reads the fewest buckets that cover it, adding and taking away
/// (<see cref="BucketRanges.Cover"/>: a year in New York is its UTC year, less five hours, plus five, per key: the top
/// products every report lists read a dozen rows per product, not dozens), and each period of a series the same way.
/// The key puts time before the member, so a report's read of one dimension over a range of buckets is one range of the
/// key, all members at once; on SQLite the table is <c>WITHOUT ROWID</c> (set by its migration), stored in that order.
/// </para>
/// </summary>
internal sealed class FunnelBucket
{
    public required string Dimension { get; set; }
    public required string DimensionKey { get; set; }
    /// <summary>How long the bucket is: a UTC quarter-hour, or a UTC hour, day or month summing the quarter-hours in it.</summary>
    public Grain Grain { get; set; }
    /// <summary>The bucket's first quarter-hour (<see cref="StoreCalendar.QuarterOf"/>).</summary>
    public long Quarter { get; set; }
    public long Sessions { get; set; }
    public long ProductViews { get; set; }
    public long AddsToCart { get; set; }
    public long CheckoutsStarted { get; set; }
    public long Purchases { get; set; }
    /// <summary>Sessions that started checkout and purchased (the rest of <see cref="CheckoutsStarted"/> abandoned it).</summary>
    public long CheckoutPurchases { get; set; }
    public long Views { get; set; }
    public long Adds { get; set; }
    public long PurchasedUnits { get; set; }
    public long CollectionViews { get; set; }
}

internal sealed class FunnelModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<FunnelSession>(e =>
        {
            e.ToTable("analytics_funnel_sessions");
            e.HasKey(x => new { x.ChannelId, x.SessionId });
            e.Property(x => x.SessionId).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(TrafficSource.MaxLength);
            e.Property(x => x.Device).HasMaxLength(10);
            e.HasIndex(x => x.FirstQuarter);
        });
        model.Entity<FunnelBucket>(e =>
        {
            e.ToTable("analytics_funnel_buckets");
            // Reports read one dimension over ranges of buckets of one grain, all its keys at once.
            e.HasKey(x => new { x.Dimension, x.Grain, x.Quarter, x.DimensionKey });
            e.Property(x => x.Dimension).HasMaxLength(20);
            e.Property(x => x.DimensionKey).HasMaxLength(TrafficSource.MaxLength);
        });
    }
}
