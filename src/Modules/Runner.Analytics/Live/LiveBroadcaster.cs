using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Analytics.Live;

/// <summary>
/// Reads the live feed once for all of this process's listeners and fans each new change out to them. Every host
/// process runs one over the same feed table, so a change committed by any process reaches the dashboards of all.
/// While at least one listener is connected it reads rows above its cursor every
/// <see cref="LiveOptions.PollInterval"/>, or at once when this process commits a feed row (<see cref="Wake"/>, from
/// <see cref="LiveCommitWake"/>); with nobody listening it touches no database at all, and the next first listener
/// starts it again from the feed's last id.
/// </summary>
internal sealed class LiveBroadcaster(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LiveOptions> options, ILogger<LiveBroadcaster> logger)
    : BackgroundService
{
    /// <summary>Rows read at most per query; a full read is followed by the next one at once.</summary>
    public const int BatchSize = 500;

    private readonly Lock _lock = new();
    private readonly List<LiveSubscription> _listeners = [];
    private readonly LiveCursor _cursor = new(options.Value.LateCommitWindow);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _starting = new(1, 1);
    /// <summary>The cursor follows the feed; false while nobody listens (the next listener restarts it from the last id).</summary>
    private bool _following;
    private bool _stopped;

    public int Listeners
    {
        get { lock (_lock) return _listeners.Count; }
    }

    /// <summary>Reads the feed now rather than at the next poll (a feed row was just committed, or a first listener came).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>
    /// Starts listening: every change published from now on arrives in the subscription, whose
    /// <see cref="LiveSubscription.Start"/> is the last id published before it.
    /// </summary>
    public async Task<LiveSubscription> SubscribeAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (_following) return Add();
        }
        // The first listener: the cursor starts from the feed's last id (read once, however many arrive together).
        await _starting.WaitAsync(ct);
        try
        {
            lock (_lock)
            {
                if (_following) return Add();
            }
            var last = await LastIdAsync(ct);
            lock (_lock)
            {
                _cursor.Reset(last);
                _following = true;
                return Add();
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    private LiveSubscription Add()
    {
        var subscription = new LiveSubscription(this, _cursor.High, options.Value.SubscriberBuffer);
        if (_stopped) subscription.End();
        else _listeners.Add(subscription);
        Wake();
        return subscription;
    }

    internal void Unsubscribe(LiveSubscription subscription)
    {
        lock (_lock) Remove(subscription);
        subscription.End();
    }

    private void Remove(LiveSubscription subscription)
    {
        if (_listeners.Remove(subscription) && _listeners.Count == 0) _following = false;
    }

    private async Task<long> LastIdAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        return await db.Set<LiveChange>().MaxAsync(c => (long?)c.Id, ct) ?? 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await scopes.WaitForStartupAsync(stoppingToken)) return;
            while (!stoppingToken.IsCancellationRequested)
            {
                Position? from;
                lock (_lock)
                {
                    from = _listeners.Count == 0 ? null
                        : new Position(_cursor.Floor, _cursor.High, _cursor.HasHoles ? _cursor.SentAboveFloor() : null);
                }
                if (from is null)
                {
                    await _wake.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                    continue;
                }
                var pause = options.Value.PollInterval;
                try
                {
                    if (await PollAsync(from, stoppingToken)) continue; // a full batch: more is waiting
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Reading the live analytics feed failed; retrying.");
                    pause = TimeSpan.FromSeconds(Math.Max(1, pause.TotalSeconds));
                }
                await _wake.WaitAsync(pause, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            // The host stops: every stream ends (each also watches ApplicationStopping, which comes first).
            lock (_lock)
            {
                _stopped = true;
                foreach (var listener in _listeners) listener.End();
                _listeners.Clear();
                _following = false;
            }
        }
    }

    /// <summary>Where a read starts: above <see cref="High"/>, and in the holes above <see cref="Floor"/> when there are some.</summary>
    private sealed record Position(long Floor, long High, long[]? SentAboveFloor);

    /// <summary>One read and its fan-out; true when the read was full (more rows are waiting).</summary>
    private async Task<bool> PollAsync(Position from, CancellationToken ct)
    {
        List<LiveRow> rows;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var feed = scope.ServiceProvider.GetRequiredService<RunnerDbContext>().Set<LiveChange>().AsNoTracking();
            rows = await feed.Where(c => c.Id > from.High).OrderBy(c => c.Id).Take(BatchSize)
                .Select(c => new LiveRow(c.Id, c.Kind, c.Data)).ToListAsync(ct);
            if (from.SentAboveFloor is { } sent)
            {
                // Rows that committed after a higher id was read: in the holes, not sent yet.
                rows.AddRange(await feed.Where(c => c.Id > from.Floor && c.Id < from.High && !sent.Contains(c.Id))
                    .OrderBy(c => c.Id).Take(BatchSize).Select(c => new LiveRow(c.Id, c.Kind, c.Data)).ToListAsync(ct));
            }
        }
        var full = rows.Count(r => r.Id > from.High) == BatchSize;
        var frames = rows.ToDictionary(r => r.Id, LiveFrames.Change);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var fresh = _cursor.Take(rows, now);
            foreach (var listener in _listeners.ToList())
            {
                foreach (var row in fresh)
                {
                    if (listener.Offer(new LiveEvent(row.Id, frames[row.Id]))) continue;
                    // Too far behind: let it go (it resumes from its last id when it reconnects) rather than hold its backlog.
                    Remove(listener);
                    listener.Drop();
                    break;
                }
            }
        }
        return full;
    }
}
