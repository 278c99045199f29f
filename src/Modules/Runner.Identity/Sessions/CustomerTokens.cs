using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;

namespace Runner.Identity.Sessions;

/// <summary>The tokens a customer's sign-in answers with.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>What a valid access token says.</summary>
internal sealed record CustomerAccess(Guid CustomerId, Guid FamilyId, bool EmailVerified, DateTimeOffset ExpiresAt);

/// <summary>
/// A customer's tokens. The access token is short-lived and signed (HMAC-SHA256 with a key kept in the database, so
/// every host process checks it alike): <c>base64url(payload).base64url(signature)</c>, the payload naming the
/// customer, the sign-in (family) and the expiry. Each use also checks that the sign-in was not revoked, so signing
/// out takes effect at once. The refresh token is 32 random bytes, stored only as a SHA-256, used once (see
/// <see cref="CustomerSession"/>).
/// </summary>
internal sealed class CustomerTokens(RunnerDbContext db, SharedSecrets secrets, TimeProvider clock)
{
    public const string KeyName = "identity_access_token_key";
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);
    private const string RefreshPrefix = "rrt_";

    private sealed record Payload(string Typ, Guid Sub, Guid Sid, bool Ev, long Exp);

    /// <summary>Starts a sign-in (a new family) or continues <paramref name="familyId"/>; the caller commits.</summary>
    public async Task<TokenResponse> IssueAsync(Guid customerId, bool emailVerified, Guid? familyId, string? ip, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        var refresh = RefreshPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var family = familyId ?? Guid.CreateVersion7(now);
        db.Add(new CustomerSession
        {
            Id = Guid.CreateVersion7(now), FamilyId = family, CustomerId = customerId, TokenHash = Hash(refresh), CreatedAt = now,
            ExpiresAt = now + RefreshLifetime, Ip = ip,
        });
        var payload = new Payload("customer", customerId, family, emailVerified, (now + AccessLifetime).ToUnixTimeSeconds());
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var access = body + "." + Base64Url(HMACSHA256.HashData(await secrets.GetAsync(db, KeyName, ct), Encoding.ASCII.GetBytes(body)));
        return new TokenResponse(access, refresh, (int)AccessLifetime.TotalSeconds);
    }

    /// <summary>The access token's claims when its signature holds, it has not expired and its sign-in is not revoked; else null.</summary>
    public async Task<CustomerAccess?> CheckAsync(string token, CancellationToken ct)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1 || token.Length > 1000) return null;
        var body = token[..dot];
        var expected = HMACSHA256.HashData(await secrets.GetAsync(db, KeyName, ct), Encoding.ASCII.GetBytes(body));
        if (FromBase64Url(token[(dot + 1)..]) is not { } signature || !CryptographicOperations.FixedTimeEquals(expected, signature)) return null;
        Payload? payload;
        try
        {
            payload = FromBase64Url(body) is { } json ? JsonSerializer.Deserialize<Payload>(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        if (payload is not { Typ: "customer" }) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.Exp);
        if (expires <= clock.GetUtcNow()) return null;
        var revoked = await db.Set<CustomerSession>().AsNoTracking()
            .AnyAsync(s => s.FamilyId == payload.Sid && s.RevokedAt != null, ct);
        return revoked ? null : new CustomerAccess(payload.Sub, payload.Sid, payload.Ev, expires);
    }

    /// <summary>The stored session of a refresh token, or null when it is not one of Runner's.</summary>
    public Task<CustomerSession?> FindAsync(string refreshToken, CancellationToken ct)
    {
        if (!refreshToken.StartsWith(RefreshPrefix, StringComparison.Ordinal) || refreshToken.Length > 100) return Task.FromResult<CustomerSession?>(null);
        var hash = Hash(refreshToken);
        return db.Set<CustomerSession>().AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
    }

    /// <summary>Revokes every token of a sign-in.</summary>
    public Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return db.Set<CustomerSession>().Where(s => s.FamilyId == familyId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    /// <summary>Revokes every sign-in of a customer (password changed, account deleted).</summary>
    public Task<int> RevokeAllAsync(Guid customerId, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return db.Set<CustomerSession>().Where(s => s.CustomerId == customerId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
