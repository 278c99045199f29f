using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Kernel.Caching;

public sealed class CacheOptions
{
    /// <summary>How often each process looks for rows other processes changed (0 turns watching off).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How far back each look reaches: longer than a write transaction plus the clock skew between hosts.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Lets a process's caches hear of changes made by other host processes sharing the database. Every cached table
/// stamps <c>updated_at</c> on each change; the watcher reads the rows stamped within the look-back window, and
/// reports each (row, stamp) once. The window reaches back far enough that a transaction that stamped a row before a
/// later one but committed after it is still seen, and clocks that differ by a few seconds do not hide a change.
/// Changes made in this process reach its caches at once, after commit (<see cref="RunnerDbContext.AfterCommit"/>);
/// the watcher bounds how stale another process's cache can be to about one poll interval.
/// </summary>
public abstract class ChangeWatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CacheOptions> options, ILogger logger)
    : BackgroundService
{
    private readonly Dictionary<(string Key, DateTimeOffset At), DateTimeOffset> _seen = [];

    /// <summary>The rows changed since <paramref name="since"/>: a key naming the row and its stamp.</summary>
    protected abstract Task<IReadOnlyList<(string Key, DateTimeOffset At)>> ReadChangesAsync(RunnerDbContext db, DateTimeOffset since, CancellationToken ct);

    /// <summary>Called with the rows not reported before.</summary>
    protected abstract void OnChanged(IReadOnlyList<string> keys);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        if (interval <= TimeSpan.Zero || !await scopes.WaitForStartupAsync(stoppingToken)) return;
        using var _ = ActorScope.Use(Actor.System);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Looking for changes made by other processes failed; trying again.");
            }
            try { await Task.Delay(interval, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public async Task PollOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - options.Value.Lookback;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var rows = await ReadChangesAsync(db, since, ct);
        var fresh = new List<string>();
        foreach (var row in rows)
            if (_seen.TryAdd(row, now)) fresh.Add(row.Key);
        foreach (var stale in _seen.Where(s => s.Key.At < since - options.Value.Lookback).Select(s => s.Key).ToList())
            _seen.Remove(stale);
        if (fresh.Count > 0) OnChanged(fresh);
    }
}
