using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Fraud;

/// <summary>
/// <see cref="IFraudScreen"/>: records the attempt (card fingerprint from the token, email, IP, time) in its own
/// commit, then counts the last hour's attempts in the database, so velocity holds across host processes.
/// </summary>
internal sealed class FraudScreen(IServiceScopeFactory scopes, TimeProvider clock) : IFraudScreen
{
    public async Task<FraudAssessment> AssessAsync(FraudRequest request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var settings = await scope.ServiceProvider.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var now = Instants.Now(clock);
        var since = now.AddHours(-1);
        var email = Truncate(request.Email.Trim().ToLowerInvariant(), 254);
        var ip = string.IsNullOrWhiteSpace(request.Ip) ? null : Truncate(request.Ip.Trim(), 64);
        var fingerprint = request.CardToken is { Length: > 0 } token
            ? await db.Set<PaymentToken>().Where(t => t.Token == token).Select(t => t.Fingerprint).FirstOrDefaultAsync(ct)
            : null;
        var attempt = new FraudAttempt { Id = Guid.CreateVersion7(now), Fingerprint = fingerprint, Email = email, Ip = ip, At = now };
        db.Add(attempt);
        await db.SaveChangesAsync(ct);

        var attempts = db.Set<FraudAttempt>().Where(a => a.At > since);
        var facts = new FraudFacts(request, settings,
            fingerprint is null ? 0 : await attempts.CountAsync(a => a.Fingerprint == fingerprint, ct),
            await attempts.CountAsync(a => a.Email == email, ct),
            ip is null ? 0 : await attempts.CountAsync(a => a.Ip == ip, ct));
        var signals = FraudRules.Evaluate(facts);
        var score = signals.Sum(s => s.Points);
        await db.Set<FraudAttempt>().Where(a => a.Id == attempt.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Score, score), ct);
        return new FraudAssessment(score, FraudRules.Decide(score, settings), signals);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
