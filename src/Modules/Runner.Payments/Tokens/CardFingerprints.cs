using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;

namespace Runner.Payments.Tokens;

/// <summary>
/// Keyed HMAC-SHA256 fingerprints of card numbers, so the same card can be recognised (fraud velocity) without keeping
/// its number. The key comes from <c>Runner:Payments:FingerprintKey</c>; without it, one is generated the first time
/// and kept in the database (<see cref="SharedSecrets"/>), so every host process computes the same fingerprints.
/// </summary>
internal sealed class CardFingerprints(IConfiguration configuration, SharedSecrets secrets, IServiceScopeFactory scopes)
{
    private const string KeyName = "card_fingerprint";

    public async Task<string> OfAsync(string digits, CancellationToken ct) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(ct), Encoding.ASCII.GetBytes(digits)));

    private async ValueTask<byte[]> KeyAsync(CancellationToken ct)
    {
        if (configuration["Runner:Payments:FingerprintKey"] is { Length: > 0 } configured) return Encoding.UTF8.GetBytes(configured);
        if (secrets.Known(KeyName) is { } known) return known;
        await using var scope = scopes.CreateAsyncScope();
        return await secrets.GetAsync(scope.ServiceProvider.GetRequiredService<RunnerDbContext>(), KeyName, ct);
    }
}
