using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Fraud;

/// <summary>
/// <see cref="IFraudScreen"/>: counts the attempt per card (fingerprint from the token), email and IP in the database's
/// per-minute counters and reads the last hour's counts (<see cref="VelocityCounter"/>), so velocity holds across
/// host processes and counts attempts made at the same moment; then records the attempt with its score, all in one
/// commit (two checkouts from one IP wait for each other's counter only that long). A checkout screens its payment in
/// the commit that takes the payment's key (<see cref="Payments.AuthorizePayment"/>, <see cref="AuthorizeRequest.Screen"/>).
/// </summary>
internal sealed class FraudScreen(IServiceScopeFactory scopes, TimeProvider clock) : IFraudScreen
{
    public async Task<FraudAssessment> AssessAsync(FraudRequest request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var settings = await scope.ServiceProvider.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var fingerprint = await FingerprintAsync(db, request.CardToken, ct);
        // One commit: the counters, their sums and the attempt with its score.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = await ScoreAsync(db, request, settings, fingerprint, Instants.Now(clock), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return assessment;
    }

    /// <summary>The card's fingerprint, read from its payment token (null without one, or for an unknown token).</summary>
    public static async Task<string?> FingerprintAsync(RunnerDbContext db, string? token, CancellationToken ct) =>
        token is { Length: > 0 }
            ? await db.Set<PaymentToken>().Where(t => t.Token == token).Select(t => t.Fingerprint).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>
    /// Counts the attempt and scores it, in the caller's transaction (which must be open: the counters' upsert holds
    /// their rows until it commits); the attempt with its score is added to <paramref name="db"/>, for the caller's save.
    /// </summary>
    public static async Task<FraudAssessment> ScoreAsync(RunnerDbContext db, FraudRequest request, PaymentSettings settings,
        string? fingerprint, DateTimeOffset now, CancellationToken ct)
    {
        var email = Truncate(request.Email.Trim().ToLowerInvariant(), 254);
        var ip = string.IsNullOrWhiteSpace(request.Ip) ? null : Truncate(request.Ip.Trim(), 64);
        var counts = await VelocityCounter.CountAsync(db, fingerprint, email, ip, now, ct);
        var facts = new FraudFacts(request, settings, counts.Card, counts.Email, counts.Ip);
        var signals = FraudRules.Evaluate(facts);
        var score = signals.Sum(s => s.Points);
        db.Add(new FraudAttempt { Id = Guid.CreateVersion7(now), Fingerprint = fingerprint, Email = email, Ip = ip, At = now, Score = score });
        return new FraudAssessment(score, FraudRules.Decide(score, settings), signals);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
