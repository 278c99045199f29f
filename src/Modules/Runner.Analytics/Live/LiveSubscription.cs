using System.Threading.Channels;

namespace Runner.Analytics.Live;

/// <summary>A change ready to send: its feed id and its frame, formatted once for every listener.</summary>
internal sealed record LiveEvent(long Id, byte[] Frame);

/// <summary>
/// One listener of the <see cref="LiveBroadcaster"/>: every change the broadcaster publishes after <see cref="Start"/>
/// arrives in <see cref="Events"/>, through a bounded buffer. A listener whose buffer is full is dropped
/// (<see cref="Dropped"/>, its events end) rather than letting the process hold changes for it without limit.
/// Disposing it stops the listening.
/// </summary>
internal sealed class LiveSubscription : IDisposable
{
    private readonly LiveBroadcaster _broadcaster;
    private readonly Channel<LiveEvent> _events;

    public LiveSubscription(LiveBroadcaster broadcaster, long start, int buffer)
    {
        _broadcaster = broadcaster;
        Start = start;
        _events = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(Math.Max(1, buffer))
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The last feed id published when the listening began: what follows it arrives in <see cref="Events"/>.</summary>
    public long Start { get; }

    public ChannelReader<LiveEvent> Events => _events.Reader;

    /// <summary>True when the listener fell a whole buffer behind and was let go.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Queues the event; false when the buffer is full (the caller drops the listener).</summary>
    internal bool Offer(LiveEvent change) => _events.Writer.TryWrite(change);

    internal void Drop()
    {
        Dropped = true;
        End();
    }

    /// <summary>No more events: the listener's loop ends once it has read those already queued.</summary>
    internal void End() => _events.Writer.TryComplete();

    public void Dispose() => _broadcaster.Unsubscribe(this);
}
