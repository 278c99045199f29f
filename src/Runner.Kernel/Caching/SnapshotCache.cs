using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;

namespace Runner.Kernel.Caching;

/// <summary>A snapshot cache as its invalidation sees it.</summary>
public interface ISnapshotCache
{
    /// <summary>Drops the snapshot: the next read loads it again. Call it after the change has committed.</summary>
    void Invalidate();
}

/// <summary>
/// A small table a module reads on every request and rarely changes (the store's settings, its tax and shipping
/// zones, the payment settings), kept whole in memory. A commit in this process that touches one of its entity types
/// drops it at once (<see cref="SnapshotCacheServices.AddSnapshotCache{T}"/>); a change another host process commits
/// is seen when the snapshot expires, one <see cref="CacheOptions.PollInterval"/> after it was read, the same bound
/// as the catalog's caches (no expiry when watching is off: one process alone). A load that overlaps an
/// invalidation is returned to its caller but not kept, so an old snapshot never outlives the change that replaced it.
/// The value is shared by every request: it must be immutable, or never changed by its readers.
/// </summary>
public sealed class SnapshotCache<T>(TimeProvider clock, IOptions<CacheOptions> options) : ISnapshotCache where T : class
{
    private sealed record Entry(T Value, long Epoch, long LoadedAt);

    private Entry? _entry;
    private long _epoch;

    public async ValueTask<T> GetAsync(Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        var epoch = Interlocked.Read(ref _epoch);
        var now = clock.GetTimestamp();
        if (Volatile.Read(ref _entry) is { } entry && entry.Epoch == epoch && Fresh(entry, now)) return entry.Value;
        var value = await load(ct);
        if (Interlocked.Read(ref _epoch) == epoch) Volatile.Write(ref _entry, new Entry(value, epoch, now));
        return value;
    }

    public void Invalidate() => Interlocked.Increment(ref _epoch);

    private bool Fresh(Entry entry, long now)
    {
        var lifetime = options.Value.PollInterval;
        return lifetime <= TimeSpan.Zero || clock.GetElapsedTime(entry.LoadedAt, now) < lifetime;
    }
}

public static class SnapshotCacheServices
{
    /// <summary>
    /// Registers a <see cref="SnapshotCache{T}"/> that a save through any Runner context drops once it commits, when
    /// the save added, changed or deleted an entity of one of <paramref name="entityTypes"/>. Bulk statements
    /// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>) bypass the change tracker: their callers invalidate themselves.
    /// </summary>
    public static IServiceCollection AddSnapshotCache<T>(this IServiceCollection services, params Type[] entityTypes) where T : class
    {
        services.AddSingleton<SnapshotCache<T>>();
        services.AddSingleton(new SnapshotRegistration(typeof(SnapshotCache<T>), entityTypes));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRunnerInterceptor, SnapshotInvalidator>());
        return services;
    }
}

internal sealed record SnapshotRegistration(Type Cache, IReadOnlyList<Type> EntityTypes);

/// <summary>Drops, after a commit, every snapshot whose entity types the save added, changed or deleted.</summary>
internal sealed class SnapshotInvalidator(IServiceProvider services, IEnumerable<SnapshotRegistration> registrations) : SavingObserver
{
    private readonly Lazy<Dictionary<Type, ISnapshotCache[]>> _caches = new(() => registrations
        .SelectMany(r => r.EntityTypes.Select(t => (Type: t, Cache: (ISnapshotCache)services.GetRequiredService(r.Cache))))
        .GroupBy(x => x.Type).ToDictionary(g => g.Key, g => g.Select(x => x.Cache).Distinct().ToArray()));

    protected override void Saving(RunnerDbContext db)
    {
        var caches = _caches.Value;
        HashSet<ISnapshotCache>? changed = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && caches.TryGetValue(entry.Metadata.ClrType, out var touched))
                (changed ??= []).UnionWith(touched);
        }
        if (changed is null) return;
        db.AfterCommit(() =>
        {
            foreach (var cache in changed) cache.Invalidate();
        });
    }
}
