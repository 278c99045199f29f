using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Kernel.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>How long a request may run before another attempt with its key may take it over (a crashed process).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How long a retry waits for the first attempt with its key to answer before giving up with 409.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long a key is remembered; after that it may be used again for another request.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>What a money-moving call answered: status, body (serialised as Runner's JSON) and the Location header.</summary>
public sealed record IdempotentResponse(int StatusCode, object? Body, string? Location = null)
{
    public static IdempotentResponse Problem(Error error) => new(Problems.StatusOf(error.Kind), error.ToProblemDetails());
}

/// <summary>
/// Runs a write that a client may retry under its <c>Idempotency-Key</c> header: the first request with a key runs and
/// its response is stored with a hash of the request; the same key with the same request gets that response again
/// without running twice, even when the retries arrive in parallel (they wait for the first); the same key with
/// another request is refused (422 <c>idempotency.key_reused</c>); a missing key is 400 <c>idempotency.key_missing</c>.
/// A request that throws forgets its key, so a retry may run it again, unless it had said money may move
/// (<see cref="MoneyMayMove"/>): then the key keeps a 500, so a retry cannot move it twice. Keys live in the database,
/// so this holds across host processes. Scopes keep one endpoint family's keys apart from another's (<c>orders</c>,
/// <c>checkout</c>).
/// </summary>
public sealed class IdempotencyStore(RunnerDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyStore> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async Task<IResult> RunAsync(HttpContext http, string scope, object? request,
        Func<CancellationToken, Task<IdempotentResponse>> work, CancellationToken ct)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(key))
            return Problems.Of(Error.Validation("idempotency.key_missing", $"This call moves money: send an {Header} header (a unique string per intended operation) so a retry cannot repeat it."));
        if (key.Length > MaxKeyLength)
            return Problems.Of(Error.Invalid(Header, "idempotency.key_too_long", $"{Header} is at most {MaxKeyLength} characters."));
        var hash = Hash(http.Request.Method, http.Request.Path, request);
        var deadline = clock.GetUtcNow() + options.Value.Wait;
        while (true)
        {
            var (claim, record) = await ClaimAsync(scope, key, hash, ct);
            switch (claim)
            {
                case Claim.Owned:
                    return await RunOwnedAsync(http, scope, key, work, ct);
                case Claim.Reused:
                    return Problems.Of(Error.Unprocessable("idempotency.key_reused",
                        $"This {Header} was already used with a different request; use a new key for a new operation."));
                case Claim.Done:
                    http.Response.Headers[ReplayedHeader] = "true";
                    return new StoredResult(record!.StatusCode ?? StatusCodes.Status200OK, record.Body ?? "",
                        record.ContentType ?? "application/json", record.Location);
                case Claim.Running when clock.GetUtcNow() >= deadline:
                    return Problems.Of(Error.Conflict("idempotency.in_progress",
                        $"A request with this {Header} is still running; retry in a moment."));
                default:
                    await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
                    break;
            }
        }
    }

    private async Task<IResult> RunOwnedAsync(HttpContext http, string scope, string key, Func<CancellationToken, Task<IdempotentResponse>> work, CancellationToken ct)
    {
        IdempotentResponse response;
        _owned = new Owned(http, scope, key);
        try
        {
            response = await work(ct);
        }
        catch (DomainException e)
        {
            response = IdempotentResponse.Problem(e.Error);
        }
        catch (Exception e) when (_moneyMayHaveMoved && e is not OperationCanceledException)
        {
            // A failure after money may have moved (a refund made, its record not): the key keeps this answer, so a
            // retry with it cannot move the money a second time. The order's payments are brought up to date from the
            // payment's own events.
            logger.LogError(e, "Unhandled exception on {Method} {Path} after it may have moved money; its Idempotency-Key keeps a 500.",
                http.Request.Method, http.Request.Path);
            response = new IdempotentResponse(StatusCodes.Status500InternalServerError, FailedAfterMoney());
        }
        catch
        {
            await db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null)
                .ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            _owned = null;
            _moneyMayHaveMoved = false;
        }
        // Stored by the work in its own transaction, which committed: nothing left to write.
        if (_storedWithin is { } within && ReferenceEquals(within.Response, response))
            return new StoredResult(response.StatusCode, within.Body, within.ContentType, response.Location);
        var (body, contentType) = Serialize(http, response);
        await UpdateAsync(scope, key, response, body, contentType, CancellationToken.None);
        return new StoredResult(response.StatusCode, body, contentType, response.Location);
    }

    /// <summary>
    /// Stores the answer of the work now running under this request's key in the caller's current transaction, so the
    /// answer commits with what the work did instead of in a write of its own afterwards. The work must then return
    /// this very response; whatever else it ends with (a failure after this call, another response) is stored as
    /// usual when it returns, and a rollback takes this write with the rest. Only for a request running under a key.
    /// </summary>
    public async Task StoreWithinAsync(IdempotentResponse response, CancellationToken ct)
    {
        if (_owned is not { } owned) throw new InvalidOperationException("No request is running under an Idempotency-Key in this scope.");
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("StoreWithinAsync belongs in the work's transaction.");
        var (body, contentType) = Serialize(owned.Http, response);
        await UpdateAsync(owned.Scope, owned.Key, response, body, contentType, ct);
        _storedWithin = (response, body, contentType);
    }

    /// <summary>
    /// Tells the request running under a key that it is about to move money (a gateway call that cannot be taken back by
    /// a rollback). From then on an unexpected failure keeps the key with a 500 rather than forgetting it, so a retry
    /// with the same key answers that 500 instead of moving the money again. Outside a keyed request it does nothing.
    /// </summary>
    public void MoneyMayMove()
    {
        if (_owned is not null) _moneyMayHaveMoved = true;
    }

    private bool _moneyMayHaveMoved;

    private static ProblemDetails FailedAfterMoney()
    {
        var problem = new Error("server.error_after_payment", "Something went wrong on our side after this request may have moved "
            + "money. Look at what it was for (an order's payments catch up with the gateway within minutes) before trying again "
            + "with a new Idempotency-Key: this key keeps this answer, so a retry with it cannot move the money twice.",
            ErrorKind.Validation).ToProblemDetails();
        // A server failure, not the client's: the kinds of Error are the client's (4xx), so the status is set here.
        problem.Status = StatusCodes.Status500InternalServerError;
        problem.Title = Problems.TitleOf(StatusCodes.Status500InternalServerError);
        return problem;
    }

    private sealed record Owned(HttpContext Http, string Scope, string Key);

    private Owned? _owned;
    private (IdempotentResponse Response, string Body, string ContentType)? _storedWithin;

    private static (string Body, string ContentType) Serialize(HttpContext http, IdempotentResponse response)
    {
        if (response.Body is ProblemDetails details)
        {
            details.Instance ??= http.Request.Path;
            details.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;
        }
        var body = JsonSerializer.Serialize(response.Body, response.Body?.GetType() ?? typeof(object), RunnerJson.Options);
        return (body, response.Body is ProblemDetails ? Problems.ContentType : "application/json");
    }

    /// <summary>Stores the answer under the key: a plain statement (EF Core's ExecuteUpdate costs several times its SQL's CPU).</summary>
    private Task<int> UpdateAsync(string scope, string key, IdempotentResponse response, string body, string contentType, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""
            UPDATE kernel_idempotency_keys SET status_code = {0}, body = {1}, content_type = {2}, location = {3}, completed_at = {4}
            WHERE scope = {5} AND key = {6}
            """, [response.StatusCode, body, contentType, response.Location!, Sql.Time(db.Provider(), Instants.Now(clock)), scope, key], ct);

    private enum Claim { Owned, Reused, Running, Done }

    private async Task<(Claim, IdempotencyRecord?)> ClaimAsync(string scope, string key, string hash, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        // A new key (the usual case) is taken by one statement; only a key already there is read.
        var provider = db.Provider();
        var inserted = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO kernel_idempotency_keys (scope, key, request_hash, created_at, locked_until) VALUES ({0}, {1}, {2}, {3}, {4})
            ON CONFLICT (scope, key) DO NOTHING
            """, [scope, key, hash, Sql.Time(provider, now), Sql.Time(provider, now + options.Value.Lease)], ct);
        if (inserted == 1) return (Claim.Owned, null);
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
        if (existing is null) return (Claim.Running, null); // deleted (expired) a moment ago: look again
        if (existing.CompletedAt is { } completed && completed + options.Value.Retention < now)
        {
            await db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == completed).ExecuteDeleteAsync(ct);
            return (Claim.Running, null);
        }
        if (existing.RequestHash != hash) return (Claim.Reused, null);
        if (existing.CompletedAt is not null) return (Claim.Done, existing);
        if (existing.LockedUntil > now) return (Claim.Running, null);
        var lease = now + options.Value.Lease;
        var taken = await db.Set<IdempotencyRecord>()
            .Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null && r.LockedUntil == existing.LockedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, lease), ct);
        return (taken == 1 ? Claim.Owned : Claim.Running, null);
    }

    /// <summary>SHA-256 of the method, the path and the request as Runner's JSON, so formatting does not matter.</summary>
    public static string Hash(string method, string path, object? request)
    {
        var json = request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), RunnerJson.Options);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{json}")));
    }

    private sealed class StoredResult(int status, string body, string contentType, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (location is not null) http.Response.Headers.Location = location;
            http.Response.ContentType = contentType;
            return http.Response.WriteAsync(body, Encoding.UTF8);
        }
    }
}
