namespace Runner.Analytics.Live;

/// <summary>A feed row as the stream reads it.</summary>
internal sealed record LiveRow(long Id, string Kind, string Data);

/// <summary>
/// Which feed rows one process has published. Ids are handed out when a row is inserted, not when it commits: on
/// PostgreSQL a transaction that took id 7 may commit after the one that took id 8, so a read of <c>id &gt; 8</c> would
/// never see row 7. The cursor therefore keeps a floor (every id at or below it is either sent or given up on) and the
/// ids sent above it; the holes between are read again until they fill or until <see cref="LiveOptions.LateCommitWindow"/>
/// has passed since a higher row was sent (a rolled-back insert leaves a hole for good).
/// </summary>
internal sealed class LiveCursor(TimeSpan lateWindow)
{
    private readonly Dictionary<long, DateTimeOffset> _sentAboveFloor = [];

    /// <summary>Every id at or below it has been sent or given up on.</summary>
    public long Floor { get; private set; }

    /// <summary>The highest id sent (or the last id when the cursor started).</summary>
    public long High { get; private set; }

    /// <summary>True while ids between <see cref="Floor"/> and <see cref="High"/> may still commit.</summary>
    public bool HasHoles => Floor < High;

    /// <summary>The ids sent above the floor, which a read of the holes leaves out.</summary>
    public long[] SentAboveFloor() => [.. _sentAboveFloor.Keys];

    /// <summary>Starts from <paramref name="last"/>: only rows above it are news.</summary>
    public void Reset(long last)
    {
        Floor = High = last;
        _sentAboveFloor.Clear();
    }

    /// <summary>
    /// Of <paramref name="rows"/> (read above the floor), those not sent yet, in id order; from now on they count as
    /// sent. Then moves the floor up past what is settled.
    /// </summary>
    public List<LiveRow> Take(IEnumerable<LiveRow> rows, DateTimeOffset now)
    {
        var fresh = new List<LiveRow>();
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            if (row.Id <= Floor || !_sentAboveFloor.TryAdd(row.Id, now)) continue;
            fresh.Add(row);
            if (row.Id > High) High = row.Id;
        }
        Settle(now);
        return fresh;
    }

    private void Settle(DateTimeOffset now)
    {
        var floor = Floor;
        // A hole below a row sent longer ago than the window is given up on.
        var givenUp = now - lateWindow;
        foreach (var (id, sentAt) in _sentAboveFloor)
            if (sentAt <= givenUp && id > floor) floor = id;
        while (_sentAboveFloor.ContainsKey(floor + 1)) floor++;
        if (floor == Floor) return;
        Floor = floor;
        foreach (var id in _sentAboveFloor.Keys.Where(id => id <= floor).ToList()) _sentAboveFloor.Remove(id);
    }
}
