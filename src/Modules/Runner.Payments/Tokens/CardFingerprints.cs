using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;

namespace Runner.Payments.Tokens;

/// <summary>
/// Keyed HMAC-SHA256 fingerprints of card numbers, so the same card can be recognised (fraud velocity) without keeping
/// its number. The key comes from <c>Runner:Payments:FingerprintKey</c>; without it, one is generated the first time
/// and stored in <c>payments_keys</c>, so every host process over the database computes the same fingerprints.
/// The key never changes once made, so this process keeps it after reading it once.
/// </summary>
internal sealed class CardFingerprints(IConfiguration configuration, IServiceScopeFactory scopes)
{
    private const string KeyName = "card_fingerprint";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<string> OfAsync(string digits, CancellationToken ct)
    {
        var key = _key ?? await LoadAsync(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(digits)));
    }

    private async Task<byte[]> LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_key is not null) return _key;
            if (configuration["Runner:Payments:FingerprintKey"] is { Length: > 0 } configured)
                return _key = Encoding.UTF8.GetBytes(configured);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            var stored = await db.Set<PaymentKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Name == KeyName, ct);
            if (stored is null)
            {
                db.Add(new PaymentKey { Name = KeyName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    // Another process made the key first; its key is the one everybody uses.
                }
                db.ChangeTracker.Clear();
                stored = await db.Set<PaymentKey>().AsNoTracking().SingleAsync(k => k.Name == KeyName, ct);
            }
            return _key = Convert.FromBase64String(stored.Value);
        }
        finally
        {
            _gate.Release();
        }
    }
}
