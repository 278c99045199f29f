using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Fraud;

/// <summary>
/// <see cref="IFraudScreen"/>: records the attempt (card fingerprint from the token, email, IP, time) in its own
/// commit, then counts the last hour's attempts per card, email and IP in one query, in the database, so velocity
/// holds across host processes and counts attempts made at the same moment.
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

        var counts = await db.Set<FraudAttempt>()
            .Where(a => a.At > since && (a.Email == email || (fingerprint != null && a.Fingerprint == fingerprint) || (ip != null && a.Ip == ip)))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Card = g.Count(a => fingerprint != null && a.Fingerprint == fingerprint),
                Email = g.Count(a => a.Email == email),
                Ip = g.Count(a => ip != null && a.Ip == ip),
            })
            .SingleOrDefaultAsync(ct);
        var facts = new FraudFacts(request, settings, counts?.Card ?? 0, counts?.Email ?? 0, counts?.Ip ?? 0);
        var signals = FraudRules.Evaluate(facts);
        var score = signals.Sum(s => s.Points);
        await db.Set<FraudAttempt>().Where(a => a.Id == attempt.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Score, score), ct);
        return new FraudAssessment(score, FraudRules.Decide(score, settings), signals);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
