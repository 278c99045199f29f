using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Idempotency;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

public class IdempotencyTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private sealed record Body(string Item, long Amount);

    private Task<(int Status, string Body, string? Replayed)> CallAsync(string? key, object body,
        Func<CancellationToken, Task<IdempotentResponse>> work) => CallAsync(key, body, (_, ct) => work(ct));

    /// <summary>A call whose work gets the request's services (its unit of work and its idempotency store).</summary>
    private async Task<(int Status, string Body, string? Replayed)> CallAsync(string? key, object body,
        Func<IServiceProvider, CancellationToken, Task<IdempotentResponse>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "POST";
        http.Request.Path = "/admin/things";
        if (key is not null) http.Request.Headers[IdempotencyStore.Header] = key;
        http.Response.Body = new MemoryStream();
        var result = await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().RunAsync(http, "tests", body,
            ct => work(scope.ServiceProvider, ct), default);
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (http.Response.StatusCode, text, http.Response.Headers[IdempotencyStore.ReplayedHeader].FirstOrDefault());
    }

    [Fact]
    public async Task ParallelRetriesWithOneKey_RunTheWorkOnce_AndAllGetTheSameResponse()
    {
        var key = Guid.NewGuid().ToString();
        var runs = 0;
        async Task<IdempotentResponse> Work(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref runs);
            await Task.Delay(200, ct);
            return new IdempotentResponse(201, new { run = n, id = Guid.NewGuid() }, "/admin/things/1");
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CallAsync(key, new Body("a", 100), Work)));
        Assert.Equal(1, runs);
        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(11, answers.Count(a => a.Replayed == "true"));
        Assert.Equal(1, JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("run").GetInt32());
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBody_Is422KeyReused_AndDoesNotRun()
    {
        var key = Guid.NewGuid().ToString();
        var runs = 0;
        Task<IdempotentResponse> Work(CancellationToken _) { runs++; return Task.FromResult(new IdempotentResponse(200, new { ok = true })); }
        Assert.Equal(200, (await CallAsync(key, new Body("a", 100), Work)).Status);
        var reused = await CallAsync(key, new Body("a", 101), Work);
        Assert.Equal(422, reused.Status);
        Assert.Contains("idempotency.key_reused", reused.Body);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task AMissingKey_Is400_AndDoesNotRun()
    {
        var runs = 0;
        var missing = await CallAsync(null, new Body("a", 1), _ => { runs++; return Task.FromResult(new IdempotentResponse(200, null)); });
        Assert.Equal(400, missing.Status);
        Assert.Contains("idempotency.key_missing", missing.Body);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task AFailedAttempt_ForgetsTheKey_SoARetryRunsAgain()
    {
        var key = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CallAsync(key, new Body("a", 5), _ => throw new InvalidOperationException("gateway down")));
        var retry = await CallAsync(key, new Body("a", 5), _ => Task.FromResult(new IdempotentResponse(200, new { ok = 1 })));
        Assert.Equal(200, retry.Status);
        Assert.Null(retry.Replayed);
    }

    [Fact]
    public async Task AFailureAfterMoneyMayHaveMoved_KeepsTheKeyWithA500_SoARetryMovesNothing()
    {
        var key = Guid.NewGuid().ToString();
        var runs = 0;
        Task<IdempotentResponse> Work(IServiceProvider services, CancellationToken ct)
        {
            runs++;
            services.GetRequiredService<IdempotencyStore>().MoneyMayMove();
            throw new InvalidOperationException("the record failed after the refund");
        }
        var first = await CallAsync(key, new Body("a", 5), Work);
        Assert.Equal(500, first.Status);
        Assert.Contains("server.error_after_payment", first.Body);
        var retry = await CallAsync(key, new Body("a", 5), Work);
        Assert.Equal((500, first.Body, "true"), (retry.Status, retry.Body, retry.Replayed));
        Assert.Equal(1, runs);
        // The store's next request (the same scope type, a new request) starts without the mark.
        var other = await CallAsync(Guid.NewGuid().ToString(), new Body("b", 1), (_, _) => Task.FromResult(new IdempotentResponse(200, new { ok = 1 })));
        Assert.Equal(200, other.Status);
    }

    private async Task<IdempotencyRecord?> RecordAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunnerDbContext>().Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Scope == "tests" && r.Key == key);
    }

    [Fact]
    public async Task AnAnswerStoredInTheWorksTransaction_CommitsWithIt_AndIsReplayed()
    {
        var key = Guid.NewGuid().ToString();
        var runs = 0;
        IdempotencyRecord? seenBeforeCommit = null;
        var first = await CallAsync(key, new Body("a", 7), async (services, ct) =>
        {
            runs++;
            var db = services.GetRequiredService<RunnerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var answer = new IdempotentResponse(201, new { order = 1001 }, "/admin/things/1001");
            await services.GetRequiredService<IdempotencyStore>().StoreWithinAsync(answer, ct);
            seenBeforeCommit = await RecordAsync(key); // another connection: the answer is not there until the commit
            await transaction.CommitAsync(ct);
            return answer;
        });
        Assert.Equal(201, first.Status);
        Assert.NotNull(seenBeforeCommit);
        Assert.Null(seenBeforeCommit.CompletedAt);
        var stored = await RecordAsync(key);
        Assert.Equal(201, stored!.StatusCode);
        Assert.Equal(first.Body, stored.Body);
        Assert.Equal("/admin/things/1001", stored.Location);

        var retry = await CallAsync(key, new Body("a", 7), _ => throw new InvalidOperationException("must not run again"));
        Assert.Equal((201, first.Body, "true"), retry);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task AnAnswerStoredInATransactionThatRollsBack_IsForgotten_SoARetryRunsAgain()
    {
        var key = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<InvalidOperationException>(() => CallAsync(key, new Body("a", 8), async (services, ct) =>
        {
            var db = services.GetRequiredService<RunnerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await services.GetRequiredService<IdempotencyStore>().StoreWithinAsync(new IdempotentResponse(201, new { order = 1 }), ct);
            throw new InvalidOperationException("the order's commit failed");
        }));
        Assert.Null(await RecordAsync(key));
        var retry = await CallAsync(key, new Body("a", 8), _ => Task.FromResult(new IdempotentResponse(200, new { ok = 2 })));
        Assert.Equal(200, retry.Status);
        Assert.Null(retry.Replayed);
    }

    [Fact]
    public async Task AWorkThatStoresOneAnswer_ButReturnsAnother_HasTheReturnedOneStored()
    {
        var key = Guid.NewGuid().ToString();
        var answer = await CallAsync(key, new Body("a", 9), async (services, ct) =>
        {
            var db = services.GetRequiredService<RunnerDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await services.GetRequiredService<IdempotencyStore>().StoreWithinAsync(new IdempotentResponse(201, new { order = 1 }), ct);
                await transaction.CommitAsync(ct);
            }
            return new IdempotentResponse(409, new { later = "changed its mind" });
        });
        Assert.Equal(409, answer.Status);
        Assert.Equal(409, (await RecordAsync(key))!.StatusCode);
        Assert.Equal((409, answer.Body, "true"), await CallAsync(key, new Body("a", 9), _ => throw new InvalidOperationException("no")));
    }

    [Fact]
    public async Task StoringAnAnswer_OutsideATransaction_OrOutsideAKeyedRequest_IsRefused()
    {
        var outside = await Assert.ThrowsAsync<InvalidOperationException>(() => CallAsync(Guid.NewGuid().ToString(), new Body("a", 10),
            async (services, ct) =>
            {
                await services.GetRequiredService<IdempotencyStore>().StoreWithinAsync(new IdempotentResponse(200, null), ct);
                return new IdempotentResponse(200, null);
            }));
        Assert.Contains("transaction", outside.Message);
        await using var scope = app.Services.CreateAsyncScope();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<IdempotencyStore>().StoreWithinAsync(new IdempotentResponse(200, null), default));
    }
}
