using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Identity.Security;

/// <summary>
/// Counts attempts per scope and subject in fixed windows (<see cref="AttemptCounter"/>): one upsert to count, one read
/// to check. Subjects are IP addresses and lower-cased emails; an email is counted whether or not an account has it,
/// so a lockout tells nothing about which emails are registered.
/// </summary>
internal sealed class Attempts(RunnerDbContext db, TimeProvider clock, IOptions<IdentityLimits> limits)
{
    public const string SignInIp = "sign_in_ip", FailedEmail = "failed_email", RegisterIp = "register_ip";

    private IdentityLimits Limits => limits.Value;

    /// <summary>The refusal when <paramref name="subject"/> already has <paramref name="limit"/> attempts in this window, else null.</summary>
    public async Task<Error?> CheckAsync(string scope, string subject, int limit, CancellationToken ct)
    {
        var (start, end) = WindowAt(Instants.Now(clock));
        var count = await db.Set<AttemptCounter>().AsNoTracking()
            .Where(a => a.Scope == scope && a.Subject == subject && a.WindowStart == start)
            .Select(a => a.Count).FirstOrDefaultAsync(ct);
        return count >= limit ? TooMany(scope, end) : null;
    }

    /// <summary>Counts one attempt of <paramref name="subject"/> in this window.</summary>
    public async Task CountAsync(string scope, string subject, CancellationToken ct)
    {
        var (start, _) = WindowAt(Instants.Now(clock));
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO identity_attempts (scope, subject, window_start, count) VALUES ({0}, {1}, {2}, 1)
            ON CONFLICT (scope, subject, window_start) DO UPDATE SET count = identity_attempts.count + 1
            """, [scope, subject, Sql.Time(db.Provider(), start)], ct);
    }

    /// <summary>Counts, then refuses when the count went above <paramref name="limit"/> (two racing attempts cannot both slip under it).</summary>
    public async Task<Error?> CountAndCheckAsync(string scope, string subject, int limit, CancellationToken ct)
    {
        await CountAsync(scope, subject, ct);
        return await CheckAsync(scope, subject, limit + 1, ct);
    }

    /// <summary>Forgets <paramref name="subject"/>'s count in every window (a successful sign-in ends a run of failures).</summary>
    public Task ResetAsync(string scope, string subject, CancellationToken ct) =>
        db.Set<AttemptCounter>().Where(a => a.Scope == scope && a.Subject == subject).ExecuteDeleteAsync(ct);

    /// <summary>Drops the counters of windows that ended long ago.</summary>
    public Task<int> PruneAsync(CancellationToken ct)
    {
        var before = Instants.Now(clock) - 2 * Limits.Window;
        return db.Set<AttemptCounter>().Where(a => a.WindowStart < before).ExecuteDeleteAsync(ct);
    }

    private (DateTimeOffset Start, DateTimeOffset End) WindowAt(DateTimeOffset now)
    {
        var ticks = Math.Max(TimeSpan.TicksPerSecond, Limits.Window.Ticks);
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % ticks, TimeSpan.Zero);
        return (start, start.AddTicks(ticks));
    }

    private Error TooMany(string scope, DateTimeOffset end)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((end - Instants.Now(clock)).TotalSeconds));
        var message = scope == FailedEmail
            ? $"Too many failed sign-ins for this email: it is locked for {Minutes(seconds)}. Try again then, or reset the password."
            : $"Too many attempts from this address: try again in {Minutes(seconds)}.";
        return new Error("auth.too_many_attempts", message, ErrorKind.TooManyRequests)
        {
            Extensions = new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds },
        };
    }

    private static string Minutes(int seconds) => seconds <= 90 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";
}
