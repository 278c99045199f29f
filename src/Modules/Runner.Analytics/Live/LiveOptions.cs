namespace Runner.Analytics.Live;

/// <summary>Settings of <c>Runner:Analytics:Live</c>: the dashboard's live stream and its feed.</summary>
public sealed class LiveOptions
{
    /// <summary>How often the feed is read while at least one dashboard listens (a commit in this process wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>A comment line sent when nothing else was, so proxies and load balancers keep an idle stream open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The <c>retry:</c> hint: how long a browser waits before it reconnects a dropped stream.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Changes waiting for one client at most; a client that falls further behind is disconnected (it resumes on reconnection).</summary>
    public int SubscriberBuffer { get; set; } = 1000;
    /// <summary>A resumed stream replays at most this many of the changes it missed…</summary>
    public int ResumeMaxChanges { get; set; } = 1000;
    /// <summary>…and none older than this.</summary>
    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromHours(1);
    /// <summary>
    /// How long a hole below the last change sent is watched for a late commit: on PostgreSQL a transaction that took a
    /// lower id may commit after one that took a higher id.
    /// </summary>
    public TimeSpan LateCommitWindow { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Feed rows older than this are deleted (zero keeps them).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);
}
