using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Catalog.Contracts;
using Runner.Inventory.Levels;
using Runner.Inventory.Locations;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Inventory.Storefront;

/// <summary>
/// The storefront's available units per (channel, variant), remembered between requests. A stock change drops the
/// variant's entries once it commits (in this process at once, from other processes within a poll of the levels'
/// <c>updated_at</c>); a location change drops everything. Checkout never reads this: reservations decide in SQL.
/// </summary>
internal sealed class StockCache
{
    private readonly BoundedCache<(ChannelId Channel, VariantId Variant), long> _available = new(200_000);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public bool TryGet(ChannelId channel, VariantId variant, out long available) => _available.TryGet((channel, variant), out available);

    public void Set(ChannelId channel, VariantId variant, long available) => _available.Set((channel, variant), available);

    public void VariantsChanged(IReadOnlyCollection<VariantId> variants)
    {
        Interlocked.Increment(ref _version);
        var set = variants as ISet<VariantId> ?? variants.ToHashSet();
        _available.RemoveWhere((key, _) => set.Contains(key.Variant));
    }

    public void AllChanged()
    {
        Interlocked.Increment(ref _version);
        _available.Clear();
    }

    /// <summary>Drops a variant's availability once the caller's unit of work commits.</summary>
    public static void AfterCommit(RunnerDbContext db, VariantId variant)
    {
        var cache = db.AppServices.GetRequiredService<StockCache>();
        db.AfterCommit(() => cache.VariantsChanged([variant]));
    }
}

/// <summary>Drops all cached availability after a commit that changed a location or the channels it fulfils.</summary>
internal sealed class LocationChangeInterceptor(StockCache cache) : SavingObserver
{
    protected override void Saving(RunnerDbContext db)
    {
        if (db.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Location or LocationChannel))
            db.AfterCommit(cache.AllChanged);
    }
}

/// <summary>Hears of stock and location changes committed by other host processes.</summary>
internal sealed class StockChangeWatcher(
    StockCache cache, IServiceScopeFactory scopes, TimeProvider clock, IOptions<CacheOptions> options, ILogger<StockChangeWatcher> logger)
    : ChangeWatcher(scopes, clock, options, logger)
{
    protected override async Task<IReadOnlyList<(string Key, DateTimeOffset At)>> ReadChangesAsync(RunnerDbContext db, DateTimeOffset since, CancellationToken ct)
    {
        var levels = await db.Set<StockLevel>().AsNoTracking().Where(l => l.UpdatedAt > since)
            .Select(l => new { l.VariantId, l.LocationId, l.UpdatedAt }).ToListAsync(ct);
        var locations = await db.Set<Location>().AsNoTracking().Where(l => l.UpdatedAt > since)
            .Select(l => new { l.Id, l.UpdatedAt }).ToListAsync(ct);
        return [.. levels.Select(l => ($"v:{l.VariantId}:{l.LocationId}", l.UpdatedAt)), .. locations.Select(l => ("l:" + l.Id, l.UpdatedAt))];
    }

    protected override void OnChanged(IReadOnlyList<string> keys)
    {
        if (keys.Any(k => k.StartsWith("l:", StringComparison.Ordinal))) cache.AllChanged();
        else cache.VariantsChanged([.. keys.Select(k => new VariantId(Guid.Parse(k.AsSpan(2, 36))))]);
    }
}
