using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Runner.Kernel.Caching;

/// <summary>
/// A thread-safe in-memory cache with a size bound. When it grows past its capacity it drops the quarter of its
/// entries used longest ago (an approximate LRU: one sort per quarter of growth, nothing on the read path but a
/// timestamp), so a hot working set survives a scan of cold keys. It is only a cache: callers validate what they read.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private sealed class Entry(TValue value, long used)
    {
        public readonly TValue Value = value;
        public long Used = used;
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly object _trimming = new();
    private long _clock;

    public int Count => _entries.Count;
    public int Capacity { get; } = Math.Max(16, capacity);

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Used = Interlocked.Increment(ref _clock);
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        _entries[key] = new Entry(value, Interlocked.Increment(ref _clock));
        if (_entries.Count > Capacity) Trim();
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void RemoveWhere(Func<TKey, TValue, bool> predicate)
    {
        foreach (var (key, entry) in _entries)
            if (predicate(key, entry.Value)) _entries.TryRemove(key, out _);
    }

    public void Clear() => _entries.Clear();

    private void Trim()
    {
        if (!Monitor.TryEnter(_trimming)) return;
        try
        {
            if (_entries.Count <= Capacity) return;
            var keep = Capacity * 3 / 4;
            foreach (var (key, _) in _entries.OrderByDescending(e => e.Value.Used).Skip(keep).ToList())
                _entries.TryRemove(key, out _);
        }
        finally
        {
            Monitor.Exit(_trimming);
        }
    }
}
