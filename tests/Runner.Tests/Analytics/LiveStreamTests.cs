using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Runner.Analytics.Live;
using Runner.Kernel.Data;
using Runner.Kernel;
using Runner.Tests.Identity;
using Runner.Tests.Infrastructure;
using Runner.Tests.Storefront;

namespace Runner.Tests.Analytics;

/// <summary>
/// A host whose live feed is never polled on a timer (an hour): a change committed in this process must wake the
/// broadcaster itself. Heartbeats every second, small buffers and a short replay, so each limit is quick to reach.
/// </summary>
public sealed class LiveApp : RunnerApp
{
    public const int Buffer = 16, ResumeMax = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Analytics:Live:PollInterval", "01:00:00");
        builder.UseSetting("Runner:Analytics:Live:Heartbeat", "00:00:01");
        builder.UseSetting("Runner:Analytics:Live:SubscriberBuffer", Buffer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Runner:Analytics:Live:ResumeMaxChanges", ResumeMax.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// <c>GET /admin/analytics/live</c> over real HTTP: feed rows written through <see cref="LiveFeed.Append"/> arrive as
/// Server-Sent Events, in id order, to every listener; a reconnection resumes after its last id; the key, staff token
/// and staff cookie are all accepted with <c>analytics:read</c>, and refused without it.
/// </summary>
public class LiveStreamTests(LiveApp app) : IClassFixture<LiveApp>
{
    /// <summary>Appends the changes in one unit of work, as the ledger does; answers their feed ids.</summary>
    private static Task<long[]> AppendAsync(RunnerApp host, params (string Kind, object Data)[] changes) =>
        AppendAtAsync(host, Instants.Now(TimeProvider.System), changes);

    private static Task<long[]> AppendAtAsync(RunnerApp host, DateTimeOffset at, params (string Kind, object Data)[] changes) => host.WithDbAsync(async db =>
    {
        foreach (var (kind, data) in changes) LiveFeed.Append(db, kind, data, at);
        await db.SaveChangesAsync();
        return db.ChangeTracker.Entries<LiveChange>().Select(e => e.Entity.Id).Order().ToArray();
    });

    private static (string, object) Placed(Guid order) => ("order.placed", new { orderId = order, total = new Money(4200, "USD") });

    private static async Task<long> ReadyAsync(SseStream stream)
    {
        var ready = await stream.ExpectAsync("ready");
        Assert.Equal(ready.IdNumber, ready.Json.Long("lastId"));
        return ready.IdNumber;
    }

    private static async Task<List<SseEvent>> ChangesAsync(SseStream stream, int count)
    {
        var changes = new List<SseEvent>();
        while (changes.Count < count) changes.Add(await stream.NextAsync() ?? throw new EndOfStreamException("The stream ended early."));
        return changes;
    }

    [Fact]
    public async Task Changes_ArriveAsTheyCommit_InIdOrder_WithTheirKindAndData()
    {
        await using var stream = await SseStream.OpenAsync(app.Admin());
        Assert.Contains("no-cache", stream.Response.Headers.CacheControl?.ToString());
        var last = await ReadyAsync(stream);
        Assert.Equal(1000, stream.Retry);

        var order = Guid.NewGuid();
        var first = await AppendAsync(app, Placed(order), ("order.refunded", new { orderId = order, amount = new Money(1200, "USD") }));
        var second = await AppendAsync(app, ("expense.created", new { expenseId = Guid.NewGuid(), amount = new Money(999, "EUR") }));

        var changes = await ChangesAsync(stream, 3);
        Assert.Equal([.. first, .. second], changes.Select(c => c.IdNumber));
        Assert.All(changes, c => Assert.True(c.IdNumber > last));
        Assert.Equal(["order.placed", "order.refunded", "expense.created"], changes.Select(c => c.Event));
        Assert.Equal(order.ToString(), changes[0].Json.Str("orderId"));
        Assert.Equal(4200, changes[0].Json.GetProperty("total").Long("amount"));
        Assert.Equal("EUR", changes[2].Json.GetProperty("amount").Str("currency"));
    }

    [Fact]
    public async Task TwoListeners_BothReceiveEveryChange()
    {
        await using var one = await SseStream.OpenAsync(app.Admin());
        await using var two = await SseStream.OpenAsync(app.Admin());
        await ReadyAsync(one);
        await ReadyAsync(two);
        var ids = await AppendAsync(app, Placed(Guid.NewGuid()), Placed(Guid.NewGuid()));
        Assert.Equal(ids, (await ChangesAsync(one, 2)).Select(c => c.IdNumber));
        Assert.Equal(ids, (await ChangesAsync(two, 2)).Select(c => c.IdNumber));
    }

    [Fact]
    public async Task LastEventId_ResumesAfterThatId_ThenGoesOnLive()
    {
        var ids = await AppendAsync(app, Placed(Guid.NewGuid()), Placed(Guid.NewGuid()), Placed(Guid.NewGuid()));

        await using var resumed = await SseStream.OpenAsync(app.Admin(), lastEventId: ids[0].ToString());
        Assert.Equal(ids[1..], (await ChangesAsync(resumed, 2)).Select(c => c.IdNumber));
        var ready = await resumed.ExpectAsync("ready");
        Assert.True(ready.Json.GetProperty("resumed").GetBoolean());
        Assert.True(ready.Json.GetProperty("complete").GetBoolean());
        Assert.True(ready.IdNumber >= ids[2]);
        var later = await AppendAsync(app, Placed(Guid.NewGuid()));
        Assert.Equal(later, (await ChangesAsync(resumed, 1)).Select(c => c.IdNumber));

        // A first connection that cannot set headers passes the id in the query; a reconnection's header wins over it.
        await using var byQuery = await SseStream.OpenAsync(app.Admin(), path: $"/admin/analytics/live?lastEventId={ids[1]}");
        Assert.Equal([ids[2], later[0]], (await ChangesAsync(byQuery, 2)).Select(c => c.IdNumber));
        await using var both = await SseStream.OpenAsync(app.Admin(), lastEventId: ids[2].ToString(), path: $"/admin/analytics/live?lastEventId={ids[0]}");
        Assert.Equal(later, (await ChangesAsync(both, 1)).Select(c => c.IdNumber));
    }

    [Fact]
    public async Task Resumption_IsBounded_AndSaysWhenItLeftChangesOut()
    {
        var start = await AppendAsync(app, Placed(Guid.NewGuid()));
        // Older than the hour a resumption reaches back: not replayed.
        await AppendAtAsync(app, Instants.Now(TimeProvider.System).AddHours(-2), Placed(Guid.NewGuid()));
        var recent = await AppendAsync(app, Placed(Guid.NewGuid()), Placed(Guid.NewGuid()));
        await using (var stream = await SseStream.OpenAsync(app.Admin(), lastEventId: start[0].ToString()))
        {
            Assert.Equal(recent, (await ChangesAsync(stream, 2)).Select(c => c.IdNumber));
            Assert.False((await stream.ExpectAsync("ready")).Json.GetProperty("complete").GetBoolean());
        }

        // More than the replay's limit: only the last ones.
        var many = await AppendAsync(app, [.. Enumerable.Range(0, LiveApp.ResumeMax + 2).Select(_ => Placed(Guid.NewGuid()))]);
        await using var again = await SseStream.OpenAsync(app.Admin(), lastEventId: recent[^1].ToString());
        Assert.Equal(many[^LiveApp.ResumeMax..], (await ChangesAsync(again, LiveApp.ResumeMax)).Select(c => c.IdNumber));
        Assert.False((await again.ExpectAsync("ready")).Json.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task ALastEventIdThatIsNoId_Is400()
    {
        var response = await app.Admin().GetAsync("/admin/analytics/live?lastEventId=abc");
        (await response.Problem(HttpStatusCode.BadRequest, "analytics.invalid_last_event_id")).HasFieldError("lastEventId");
    }

    [Fact]
    public async Task AQuietStream_SendsHeartbeats()
    {
        await using var stream = await SseStream.OpenAsync(app.Admin());
        await ReadyAsync(stream);
        var beat = await stream.NextAsync(comments: true);
        Assert.Equal(":", beat?.Event);
        Assert.Equal("keep-alive", beat?.Data);
    }

    [Fact]
    public async Task WithoutCredentials_Is401_AndAKeyWithoutAnalyticsRead_Is403()
    {
        await (await app.Admin(key: null).GetAsync("/admin/analytics/live")).Problem(HttpStatusCode.Unauthorized, "auth.missing_key");
        var key = (await (await app.Admin().PostJson("/admin/api-keys", new { name = "no analytics", kind = "secret", permissions = new[] { "orders:read" } }))
            .Json(HttpStatusCode.Created)).Str("key");
        await (await app.Admin(key).GetAsync("/admin/analytics/live")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");

        var reader = (await (await app.Admin().PostJson("/admin/api-keys", new { name = "analytics", kind = "secret", permissions = new[] { "analytics:read" } }))
            .Json(HttpStatusCode.Created)).Str("key");
        await using var stream = await SseStream.OpenAsync(app.Admin(reader));
        await ReadyAsync(stream);
    }

    [Fact]
    public async Task TheStaffCookie_OpensTheStream_WithoutAntiforgery_WhenTheRoleReadsAnalytics()
    {
        var analyst = AccountData.Email("live-analyst");
        await StaffData.CreateAsync(app, analyst, "analyst");
        var browser = await CookieBrowserAsync(analyst);
        await using var stream = await SseStream.OpenAsync(browser);
        await ReadyAsync(stream);
        var ids = await AppendAsync(app, Placed(Guid.NewGuid()));
        Assert.Equal(ids, (await ChangesAsync(stream, 1)).Select(c => c.IdNumber));

        // The same staff member with an access token (an app of their own).
        await using var byToken = await SseStream.OpenAsync(await StaffData.SignedInAsync(app, analyst));
        await ReadyAsync(byToken);

        var support = AccountData.Email("live-support");
        await StaffData.CreateAsync(app, support, "support");
        await (await (await CookieBrowserAsync(support)).GetAsync("/admin/analytics/live")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    private async Task<HttpClient> CookieBrowserAsync(string email)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true });
        var signIn = await browser.PostJson("/admin/auth/password", new { email, password = StaffData.Password, useCookie = true });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return browser;
    }

    [Fact]
    public async Task AClosedStream_StopsListening_AndTheLastListenerStopsTheReads()
    {
        var broadcaster = app.Services.GetRequiredService<LiveBroadcaster>();
        await WaitForAsync(() => broadcaster.Listeners == 0, "listeners of earlier tests to go");
        var stream = await SseStream.OpenAsync(app.Admin());
        await ReadyAsync(stream);
        Assert.Equal(1, broadcaster.Listeners);
        await stream.DisposeAsync();
        await WaitForAsync(() => broadcaster.Listeners == 0, "the closed stream to stop listening");
    }

    [Fact]
    public async Task AListenerThatFallsAWholeBufferBehind_IsDropped()
    {
        var broadcaster = app.Services.GetRequiredService<LiveBroadcaster>();
        using var slow = await broadcaster.SubscribeAsync(CancellationToken.None);
        await using var stream = await SseStream.OpenAsync(app.Admin());
        await ReadyAsync(stream);

        // Two batches of less than a buffer each: the listener that reads keeps up with both; the one that never
        // reads fills its buffer during the second and is let go with a buffer's worth.
        var batch = LiveApp.Buffer * 2 / 3;
        var ids = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            var written = await AppendAsync(app, [.. Enumerable.Range(0, batch).Select(_ => Placed(Guid.NewGuid()))]);
            Assert.Equal(written, (await ChangesAsync(stream, batch)).Select(c => c.IdNumber));
            ids.AddRange(written);
        }
        using var timeout = new CancellationTokenSource(SseStream.Timeout);
        var kept = new List<long>();
        await foreach (var change in slow.Events.ReadAllAsync(timeout.Token)) kept.Add(change.Id);
        Assert.True(slow.Dropped);
        Assert.Equal(ids[..LiveApp.Buffer], kept);
    }

    [SkippableFact]
    public async Task ARowThatCommitsAfterAHigherOne_IsStillSent()
    {
        // Only PostgreSQL lets two writers hold transactions at once; SQLite hands out ids in commit order.
        Skip.IfNot(app.Database.IsPostgres, "Concurrent writers need PostgreSQL.");
        await using var stream = await SseStream.OpenAsync(app.Admin());
        await ReadyAsync(stream);

        await using var slowScope = app.Services.CreateAsyncScope();
        var slowDb = slowScope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        await using var transaction = await slowDb.Database.BeginTransactionAsync();
        LiveFeed.Append(slowDb, "order.placed", new { orderId = Guid.NewGuid() }, Instants.Now(TimeProvider.System));
        await slowDb.SaveChangesAsync();
        var lower = slowDb.ChangeTracker.Entries<LiveChange>().Single().Entity.Id;

        var higher = await AppendAsync(app, Placed(Guid.NewGuid()));
        Assert.True(higher[0] > lower);
        Assert.Equal(higher, (await ChangesAsync(stream, 1)).Select(c => c.IdNumber));

        await transaction.CommitAsync();
        Assert.Equal([lower], (await ChangesAsync(stream, 1)).Select(c => c.IdNumber));
    }

    [Fact]
    public async Task AChangeWrittenByStatement_ArrivesOnceItsTransactionCommits()
    {
        // The ledger's handlers write their feed rows with a plain statement, which the change tracker never sees.
        await using var stream = await SseStream.OpenAsync(app.Admin());
        await ReadyAsync(stream);
        var order = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await LiveFeed.WriteAsync(db, app.Services.GetRequiredService<LiveBroadcaster>(), "order.placed", new { orderId = order },
                Instants.Now(TimeProvider.System), default);
            await transaction.CommitAsync();
            return 0;
        });
        var change = Assert.Single(await ChangesAsync(stream, 1));
        Assert.Equal("order.placed", change.Event);
        Assert.Equal(order.ToString(), change.Json.Str("orderId"));
    }

    [Fact]
    public async Task AChangeCommittedByAnotherHostProcess_ReachesThisOnesListeners()
    {
        // The second host polls on the default timer; its broadcaster never hears of the first host's commits otherwise.
        await using var other = new SecondHost(app);
        await other.InitializeAsync();
        await using var stream = await SseStream.OpenAsync(other.Admin());
        await ReadyAsync(stream);
        var ids = await AppendAsync(app, Placed(Guid.NewGuid()));
        Assert.Equal(ids, (await ChangesAsync(stream, 1)).Select(c => c.IdNumber));
    }

    [Fact]
    public async Task Streams_EndWhenTheHostStops()
    {
        var other = new SecondHost(app);
        await other.InitializeAsync();
        await using var stream = await SseStream.OpenAsync(other.Admin());
        await ReadyAsync(stream);
        var stopped = other.DisposeAsync().AsTask();
        Assert.Null(await stream.NextAsync()); // the stream's end, not a time-out
        await stopped.WaitAsync(SseStream.Timeout);
    }

    [Fact]
    public async Task Retention_DeletesRowsOlderThanADay()
    {
        var old = await AppendAtAsync(app, Instants.Now(TimeProvider.System).AddDays(-2), Placed(Guid.NewGuid()));
        var fresh = await AppendAsync(app, Placed(Guid.NewGuid()));
        var retention = app.Services.GetServices<IHostedService>().OfType<LiveRetention>().Single();
        Assert.True(await retention.PassAsync(CancellationToken.None) >= 1);
        var left = await app.WithDbAsync(db => db.Set<LiveChange>().Where(c => c.Id == old[0] || c.Id == fresh[0]).Select(c => c.Id).ToListAsync());
        Assert.Equal(fresh, left);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + SseStream.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
