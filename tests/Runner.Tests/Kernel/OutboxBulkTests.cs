using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

namespace Runner.Tests.Kernel;

/// <summary>
/// A batch costs statements per batch, not per message: messages no handler takes are finished together, the
/// handled ones together after their handlers, and what was handled before is read once.
/// </summary>
public class OutboxBulkTests(OutboxBulkTests.CountingApp app) : IClassFixture<OutboxBulkTests.CountingApp>, IAsyncLifetime
{
    public const string Nobody = "test.nobody";
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The outbox test host, counting the statements EF Core sends.</summary>
    public sealed class CountingApp : OutboxApp
    {
        public StatementLog Statements { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.ConfigureDbContext<RunnerDbContext>(o => o.AddInterceptors(Statements)));
        }
    }

    public sealed class StatementLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _all = new();

        public IReadOnlyList<string> All => [.. _all];
        public void Clear() => _all.Clear();

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _all.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _all.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset Now => app.Time.GetUtcNow();

    private static int Count(IEnumerable<string> statements, string pattern) =>
        statements.Count(s => Regex.IsMatch(s, pattern, RegexOptions.IgnoreCase));

    [Fact]
    public async Task ABatch_FinishesWhatNoHandlerTakes_InOneStatement_AndWhatItHandled_InAnother()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++) ids.Add(await app.EnqueueAsync(i % 3 == 0 ? OutboxApp.One : Nobody, new TestPayload($"m{i}")));
        app.Statements.Clear();

        Assert.Equal(10, await app.Dispatcher.RunOnceAsync(None));

        var statements = app.Statements.All;
        Assert.Equal(2, Count(statements, @"UPDATE\s+""?kernel_outbox""?\s"));
        Assert.Equal(1, Count(statements, @"FROM\s+""?kernel_outbox_handled""?\s"));
        Assert.Equal(["m0", "m3", "m6", "m9"], app.Deliveries.All.Select(d => d.Label).Order());
        foreach (var id in ids)
        {
            var message = await app.MessageAsync(id);
            Assert.Equal((Now, 1, null, null, null), (message.ProcessedAt, message.Attempts, message.LockedUntil, message.LastError, message.DeadAt));
        }
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<OutboxHandled>().CountAsync()));
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));
    }

    [Fact]
    public async Task ABatchOfSideEffects_WritesNoRecordOfWhoHandledThem_OnlyFinishesTheMessages()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await app.EnqueueAsync(OutboxApp.Notice, new TestPayload($"n{i}")));
        app.Statements.Clear();

        Assert.Equal(5, await app.Dispatcher.RunOnceAsync(None));

        var statements = app.Statements.All;
        Assert.Equal(0, Count(statements, @"INSERT\s+INTO\s+""?kernel_outbox_handled""?"));
        Assert.Equal(1, Count(statements, @"UPDATE\s+""?kernel_outbox""?\s")); // the finish (the lease is sent by hand)
        Assert.Equal(["n0", "n1", "n2", "n3", "n4"], app.Deliveries.All.Select(d => d.Label).Order());
        foreach (var id in ids) Assert.Equal(Now, (await app.MessageAsync(id)).ProcessedAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<OutboxHandled>().CountAsync()));
    }

    [Fact]
    public async Task MessageNoHandlerTakes_IsStillSetAsideAsDead_WhenNoAttemptEverFinished()
    {
        var poison = await app.EnqueueAsync(Nobody, new TestPayload("poison"));
        var fine = await app.EnqueueAsync(Nobody, new TestPayload("fine"));
        await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == poison).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockedBy, "dead-host:4").SetProperty(m => m.LockedUntil, Now - TimeSpan.FromSeconds(1))
            .SetProperty(m => m.Attempts, OutboxApp.MaxAttempts)));

        Assert.Equal(2, await app.Dispatcher.RunOnceAsync(None));

        var dead = await app.MessageAsync(poison);
        Assert.Equal(Now, dead.DeadAt);
        Assert.Null(dead.ProcessedAt);
        Assert.Contains("lease", dead.LastError);
        Assert.Equal(Now, (await app.MessageAsync(fine)).ProcessedAt);
    }
}
