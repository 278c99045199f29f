using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Fraud;

/// <summary>
/// <see cref="IFraudScreen"/>: counts the attempt per card (fingerprint from the token), email and IP in the database's
/// per-minute counters and reads the last hour's counts (<see cref="VelocityCounter"/>), so velocity holds across
/// host processes and counts attempts made at the same moment; then records the attempt with its score, all in one
/// commit (two checkouts from one IP wait for each other's counter only that long).
/// </summary>
internal sealed class FraudScreen(IServiceScopeFactory scopes, TimeProvider clock) : IFraudScreen
{
    public async Task<FraudAssessment> AssessAsync(FraudRequest request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var settings = await scope.ServiceProvider.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var now = Instants.Now(clock);
        var email = Truncate(request.Email.Trim().ToLowerInvariant(), 254);
        var ip = string.IsNullOrWhiteSpace(request.Ip) ? null : Truncate(request.Ip.Trim(), 64);
        var fingerprint = request.CardToken is { Length: > 0 } token
            ? await db.Set<PaymentToken>().Where(t => t.Token == token).Select(t => t.Fingerprint).FirstOrDefaultAsync(ct)
            : null;
        // One commit: the counters, their sums and the attempt with its score.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var counts = await VelocityCounter.CountAsync(db, fingerprint, email, ip, now, ct);
        var facts = new FraudFacts(request, settings, counts.Card, counts.Email, counts.Ip);
        var signals = FraudRules.Evaluate(facts);
        var score = signals.Sum(s => s.Points);
        db.Add(new FraudAttempt { Id = Guid.CreateVersion7(now), Fingerprint = fingerprint, Email = email, Ip = ip, At = now, Score = score });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new FraudAssessment(score, FraudRules.Decide(score, settings), signals);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
