using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Identity.Sessions;

/// <summary>The tokens a sign-in answers with.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>What a valid access token says.</summary>
internal sealed record SessionAccess(SessionKind Kind, Guid SubjectId, Guid FamilyId, bool EmailVerified, DateTimeOffset ExpiresAt, bool MultiFactor);

/// <summary>
/// The tokens of a customer's or a staff member's sign-in. The access token is short-lived and signed (HMAC-SHA256 with a key kept in the database, so
/// every host process checks it alike): <c>base64url(payload).base64url(signature)</c>, the payload naming the
/// customer, the sign-in (family) and the expiry. Each use also checks that the sign-in was not revoked, so signing
/// out takes effect at once. The refresh token is 32 random bytes, stored only as a SHA-256, used once (see
/// <see cref="Session"/>).
/// </summary>
internal sealed class SessionTokens(RunnerDbContext db, SharedSecrets secrets, TimeProvider clock)
{
    public const string KeyName = "identity_access_token_key";
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);
    private const string RefreshPrefix = "rrt_";

    private sealed record Payload(string Typ, Guid Sub, Guid Sid, bool Ev, long Exp, bool Mf = false);

    private static string TypeOf(SessionKind kind) => kind == SessionKind.Staff ? "staff" : "customer";

    /// <summary>
    /// Starts a sign-in (a new family) or continues <paramref name="familyId"/>; the caller commits.
    /// <paramref name="multiFactor"/>: the sign-in proved two factors (<see cref="Session.MultiFactor"/>).
    /// </summary>
    public async Task<TokenResponse> IssueAsync(SessionKind kind, Guid subjectId, bool emailVerified, Guid? familyId, string? ip,
        CancellationToken ct, bool multiFactor = false)
    {
        var now = Instants.Now(clock);
        var refresh = RefreshPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var family = familyId ?? Guid.CreateVersion7(now);
        db.Add(new Session
        {
            Id = Guid.CreateVersion7(now), FamilyId = family, Kind = kind, SubjectId = subjectId, TokenHash = Hash(refresh), CreatedAt = now,
            ExpiresAt = now + RefreshLifetime, Ip = ip, MultiFactor = multiFactor,
        });
        var payload = new Payload(TypeOf(kind), subjectId, family, emailVerified, (now + AccessLifetime).ToUnixTimeSeconds(), multiFactor);
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var access = body + "." + Base64Url(HMACSHA256.HashData(await secrets.GetAsync(db, KeyName, ct), Encoding.ASCII.GetBytes(body)));
        return new TokenResponse(access, refresh, (int)AccessLifetime.TotalSeconds);
    }

    /// <summary>
    /// The access token's claims when its signature holds, it is a <paramref name="kind"/> token, it has not expired and
    /// its sign-in is not revoked; else null.
    /// </summary>
    public async Task<SessionAccess?> CheckAsync(string token, SessionKind kind, CancellationToken ct)
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
        if (payload is null || payload.Typ != TypeOf(kind)) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.Exp);
        if (expires <= clock.GetUtcNow()) return null;
        return await LiveAsync(kind, payload.Sub, payload.Sid, ct) is { } multiFactor
            ? new SessionAccess(kind, payload.Sub, payload.Sid, payload.Ev, expires, multiFactor) : null;
    }

    /// <summary>
    /// Whether the sign-in proved two factors, when it is still there and not revoked; null when it is not: a revoked
    /// family, and one deleted with its account, end here (access tokens and session cookies both ask at each use).
    /// </summary>
    public Task<bool?> LiveAsync(SessionKind kind, Guid subjectId, Guid familyId, CancellationToken ct) =>
        db.Set<Session>().AsNoTracking()
            .Where(s => s.FamilyId == familyId && s.SubjectId == subjectId && s.Kind == kind && s.RevokedAt == null)
            .Select(s => (bool?)s.MultiFactor).FirstOrDefaultAsync(ct);

    /// <summary>The customer or staff member and the sign-in of an access token this process just issued (not checked).</summary>
    public static (Guid Subject, Guid Family) Describe(string accessToken)
    {
        var payload = JsonSerializer.Deserialize<Payload>(FromBase64Url(accessToken[..accessToken.IndexOf('.')])!)!;
        return (payload.Sub, payload.Sid);
    }

    /// <summary>The stored session of a refresh token, or null when it is not one of Runner's.</summary>
    public Task<Session?> FindAsync(string refreshToken, SessionKind kind, CancellationToken ct)
    {
        if (!refreshToken.StartsWith(RefreshPrefix, StringComparison.Ordinal) || refreshToken.Length > 100) return Task.FromResult<Session?>(null);
        var hash = Hash(refreshToken);
        return db.Set<Session>().AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash && s.Kind == kind, ct);
    }

    /// <summary>Revokes every token of a sign-in.</summary>
    public Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return db.Set<Session>().Where(s => s.FamilyId == familyId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    /// <summary>Revokes every sign-in of a customer or staff member (password changed, account disabled or deleted).</summary>
    public Task<int> RevokeAllAsync(SessionKind kind, Guid subjectId, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return db.Set<Session>().Where(s => s.Kind == kind && s.SubjectId == subjectId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    /// <summary>
    /// Exchanges a refresh token for the next pair of its sign-in, in one transaction: the token is used up by one
    /// conditional update, so of two requests racing with it one gets the pair and the other is a reuse, which revokes
    /// the family. <paramref name="subject"/> says whether the customer or staff member may still sign in (null: not)
    /// and whether their email is verified.
    /// </summary>
    public async Task<(TokenResponse? Tokens, Error? Error)> RotateAsync(string? refreshToken, SessionKind kind, Func<Guid, Task<bool?>> subject,
        string? ip, CancellationToken ct)
    {
        var session = string.IsNullOrWhiteSpace(refreshToken) ? null : await FindAsync(refreshToken.Trim(), kind, ct);
        var now = Instants.Now(clock);
        if (session is null || session.RevokedAt is not null || session.ExpiresAt <= now) return (null, InvalidRefresh);
        if (session.UsedAt is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var taken = await db.Set<Session>().Where(s => s.Id == session.Id && s.UsedAt == null && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), ct);
            if (taken == 1)
            {
                if (await subject(session.SubjectId) is not { } verified)
                {
                    await transaction.RollbackAsync(ct);
                    return (null, InvalidRefresh);
                }
                var issued = await IssueAsync(kind, session.SubjectId, verified, session.FamilyId, ip, ct, session.MultiFactor);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return (issued, null);
            }
            await transaction.RollbackAsync(ct);
        }
        await RevokeFamilyAsync(session.FamilyId, ct);
        return (null, new Error("auth.refresh_token_reused",
            "This refresh token was used already, so it may have leaked: every token of this sign-in is revoked. Sign in again.",
            ErrorKind.Unauthorized));
    }

    private static readonly Error InvalidRefresh = new("auth.invalid_refresh_token",
        "This refresh token is not valid: it expired, was revoked or is mistyped. Sign in again.", ErrorKind.Unauthorized);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    internal static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    internal static byte[]? FromBase64Url(string text)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
