using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Identity.Accounts;
using Runner.Identity.ApiKeys;
using Runner.Identity.Contracts;
using Runner.Identity.Sessions;
using Runner.Identity.Staff;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Identity.Authentication;

/// <summary>What a verified key grants: cached briefly for publishable keys, read per request for secret keys.</summary>
internal sealed record VerifiedKey(ApiKeyId Id, string Name, ApiKeyKind Kind, byte[] Hash, Guid? Channel, IReadOnlyList<string> Permissions,
    DateTimeOffset? LastUsedAt, bool IsBootstrap = false)
{
    /// <summary>On the bootstrap admin key: the one key that acts as the store's Owner (making Owners, before any exists).</summary>
    public const string BootstrapClaim = "runner:bootstrap_key";

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(ActorClaims.Kind, nameof(ActorKind.ApiKey)),
            new(ActorClaims.Id, Id.ToString()),
            new(ActorClaims.Name, Name),
        };
        if (Channel is { } channel) claims.Add(new Claim(ActorClaims.Channel, channel.ToString()));
        claims.AddRange(Permissions.Select(p => new Claim(ActorClaims.Permission, p)));
        if (IsBootstrap) claims.Add(new Claim(BootstrapClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

/// <summary>Shared by both key schemes: find the key by its lookup, compare hashes in constant time, answer problems.</summary>
internal abstract class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    RunnerDbContext db, TimeProvider clock, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected abstract ApiKeyKind Kind { get; }

    /// <summary>The key sent with the request, or null when none was (another scheme may still apply).</summary>
    protected abstract string? ReadKey();

    protected abstract Error MissingKeyError { get; }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey();
        if (key is null) return AuthenticateResult.NoResult();
        if (!KeySecrets.IsWellFormed(key, Kind)) return AuthenticateResult.Fail("malformed key");
        var verified = await FindAsync(KeySecrets.LookupOf(key));
        if (verified is null || !KeySecrets.Matches(key, verified.Hash)) return AuthenticateResult.Fail("unknown or revoked key");
        await TouchAsync(verified);
        return await CompleteAsync(verified);
    }

    /// <summary>The answer for a verified key: its principal (the storefront adds a signed-in customer's).</summary>
    protected virtual Task<AuthenticateResult> CompleteAsync(VerifiedKey key) =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(key.ToPrincipal(Scheme.Name), Scheme.Name)));

    protected virtual Task<VerifiedKey?> FindAsync(string lookup) => LoadAsync(db, lookup, Kind, Context.RequestAborted);

    internal static Task<VerifiedKey?> LoadAsync(RunnerDbContext db, string lookup, ApiKeyKind kind, CancellationToken ct) =>
        db.Set<ApiKey>().AsNoTracking()
            .Where(k => k.Lookup == lookup && k.Kind == kind && k.RevokedAt == null)
            .Select(k => new VerifiedKey(k.Id, k.Name, k.Kind, k.SecretHash, k.ChannelId == null ? null : k.ChannelId.Value.Value,
                k.Permissions, k.LastUsedAt, k.IsBootstrap))
            .FirstOrDefaultAsync(ct);

    /// <summary>Records when a key was last used, at most once a minute per key so reads stay reads.</summary>
    private async Task TouchAsync(VerifiedKey key)
    {
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1)) return;
        var stale = now - TimeSpan.FromMinutes(1);
        await db.Set<ApiKey>().Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var sent = ReadKey() is not null;
        var error = sent
            ? new Error("auth.invalid_key", $"The {(Kind == ApiKeyKind.Secret ? "API" : "publishable")} key is not valid: it is unknown, revoked or mistyped.", ErrorKind.Unauthorized)
            : MissingKeyError;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (Kind == ApiKeyKind.Secret) Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = error.ToProblemDetails() });
    }

    /// <summary>403 for a cookie-authenticated write without its antiforgery token.</summary>
    protected static async Task WriteAntiforgeryProblemAsync(HttpContext http, IProblemDetailsService problems, string tokenPath)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Error("auth.antiforgery_failed",
                $"A change made with a sign-in cookie needs the antiforgery token: GET {tokenPath} and send it as '{SessionCookies.AntiforgeryHeader}'.",
                ErrorKind.Forbidden).ToProblemDetails(),
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<EndpointAccess>()?.Permission;
        var error = Context.User.HasClaim(SecretKeyHandler.MustEnrolMfaClaim, "true")
            ? new Error("auth.mfa_enrolment_required", "This store requires two-factor sign-in: turn TOTP on first (POST /admin/auth/mfa/totp).",
                ErrorKind.Forbidden)
            : new Error("auth.forbidden",
            needed is null ? "This key may not do this."
            : Context.User.HasClaim(ActorClaims.Kind, nameof(ActorKind.Staff)) ? $"Your role lacks the permission '{needed}'."
            : $"This key lacks the permission '{needed}'.", ErrorKind.Forbidden);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = error.ToProblemDetails() });
    }
}

/// <summary>
/// The admin API's scheme: a secret key (<c>Bearer rk_...</c>) or a staff member's access token (<c>Bearer
/// payload.signature</c>, see <see cref="SessionTokens"/>), whose permissions are their role's, read at each request so a
/// changed role or a disabled account takes effect at once.
/// </summary>
internal sealed class SecretKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    RunnerDbContext db, TimeProvider clock, IProblemDetailsService problems, SessionTokens tokens, StaffDirectory staff)
    : KeyAuthenticationHandler(options, logger, encoder, db, clock, problems)
{
    private readonly IProblemDetailsService _problems = problems;
    private bool _badToken;
    private bool _antiforgery;

    /// <summary>On a staff member who must enrol TOTP before anything else (the store requires it).</summary>
    public const string MustEnrolMfaClaim = "runner:must_enrol_mfa";

    protected override ApiKeyKind Kind => ApiKeyKind.Secret;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (header.Length == 0 && SessionCookies.Present(Context, SessionKind.Staff)) return await FromCookieAsync();
        if (token is null || token.StartsWith(KeySecrets.SecretPrefix, StringComparison.Ordinal) || !token.Contains('.'))
            return await base.HandleAuthenticateAsync();
        var access = await tokens.CheckAsync(token, SessionKind.Staff, Context.RequestAborted);
        var grant = access is null ? null : await staff.GrantAsync(access.SubjectId, access.MultiFactor, Context.RequestAborted);
        if (grant is null)
        {
            _badToken = true;
            return AuthenticateResult.Fail("invalid staff token");
        }
        return Success(grant);
    }

    /// <summary>The dashboard's cookie: a live sign-in of an active staff member, and for writes the antiforgery token.</summary>
    private async Task<AuthenticateResult> FromCookieAsync()
    {
        var ct = Context.RequestAborted;
        var cookie = await SessionCookies.ReadAsync(Context, SessionKind.Staff);
        var grant = cookie is { } c && await tokens.LiveAsync(SessionKind.Staff, c.Subject, c.Family, ct) is { } multiFactor
            ? await staff.GrantAsync(c.Subject, multiFactor, ct) : null;
        if (grant is null) return AuthenticateResult.NoResult(); // an ended sign-in: as if signed out
        if (!await SessionCookies.AntiforgeryHoldsAsync(Context))
        {
            _antiforgery = true;
            return AuthenticateResult.Fail("antiforgery token missing or wrong");
        }
        return Success(grant);
    }

    private AuthenticateResult Success(StaffGrant grant)
    {
        var claims = new List<Claim>
        {
            new(ActorClaims.Kind, nameof(ActorKind.Staff)),
            new(ActorClaims.Id, grant.Id.ToString()),
            new(ActorClaims.Name, grant.Name),
        };
        claims.AddRange(grant.Permissions.Select(p => new Claim(ActorClaims.Permission, p)));
        if (grant.MustEnrolMfa) claims.Add(new Claim(MustEnrolMfaClaim, "true"));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_antiforgery)
        {
            await WriteAntiforgeryProblemAsync(Context, _problems, "/admin/auth/antiforgery");
            return;
        }
        if (!_badToken)
        {
            await base.HandleChallengeAsync(properties);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new Error("auth.invalid_token",
                "The sign-in token is not valid: it expired, was revoked, or the account is disabled. Refresh it (POST /admin/auth/refresh) or sign in again.",
                ErrorKind.Unauthorized).ToProblemDetails(),
        });
    }

    protected override Error MissingKeyError { get; } = new("auth.missing_key",
        "This endpoint needs an API key: send 'Authorization: Bearer rk_...'.", ErrorKind.Unauthorized);

    protected override string? ReadKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[7..].Trim();
        // Other bearer tokens (sessions, OAuth) belong to other schemes; only rk_ keys are ours.
        return token.StartsWith(KeySecrets.SecretPrefix, StringComparison.Ordinal) || !token.Contains('.') ? token : null;
    }
}

/// <summary>
/// The storefront's scheme: the publishable key names the channel; a customer's access token
/// (<c>Authorization: Bearer ...</c>, see <see cref="SessionTokens"/>) sent with it signs the customer in. A token
/// that is not valid (expired, revoked, forged) fails the request with 401 <c>auth.invalid_token</c> rather than
/// quietly treating the customer as a guest.
/// </summary>
internal sealed class PublishableKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    RunnerDbContext db, TimeProvider clock, IProblemDetailsService problems, PublishableKeyCache cache, SessionTokens tokens)
    : KeyAuthenticationHandler(options, logger, encoder, db, clock, problems)
{
    private readonly RunnerDbContext _db = db;
    private readonly IProblemDetailsService _problems = problems;
    private bool _badToken;
    private bool _antiforgery;

    protected override async Task<AuthenticateResult> CompleteAsync(VerifiedKey key)
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0 && SessionCookies.Present(Context, SessionKind.Customer)) return await FromCookieAsync(key);
        // Only tokens shaped like a customer's (payload.signature); an admin key sent along is not the storefront's business.
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !header.Contains('.')) return await base.CompleteAsync(key);
        var access = await tokens.CheckAsync(header[7..].Trim(), SessionKind.Customer, Context.RequestAborted);
        if (access is null)
        {
            _badToken = true;
            return AuthenticateResult.Fail("invalid customer token");
        }
        return Customer(key, access.SubjectId, access.EmailVerified);
    }

    /// <summary>
    /// The reference storefront's cookie: a live sign-in, and for writes the antiforgery token. A cookie whose sign-in
    /// ended leaves the shopper a guest, as a browser that kept a stale cookie should.
    /// </summary>
    private async Task<AuthenticateResult> FromCookieAsync(VerifiedKey key)
    {
        var ct = Context.RequestAborted;
        if (await SessionCookies.ReadAsync(Context, SessionKind.Customer) is not { } cookie
            || await tokens.LiveAsync(SessionKind.Customer, cookie.Subject, cookie.Family, ct) is null) return await base.CompleteAsync(key);
        var verified = await _db.Set<CustomerAccount>().AsNoTracking().Where(a => a.CustomerId == cookie.Subject)
            .Select(a => (bool?)(a.EmailVerifiedAt != null)).FirstOrDefaultAsync(ct);
        if (verified is null) return await base.CompleteAsync(key);
        if (!await SessionCookies.AntiforgeryHoldsAsync(Context))
        {
            _antiforgery = true;
            return AuthenticateResult.Fail("antiforgery token missing or wrong");
        }
        return Customer(key, cookie.Subject, verified.Value);
    }

    private AuthenticateResult Customer(VerifiedKey key, Guid customerId, bool emailVerified)
    {
        var claims = new List<Claim>
        {
            new(ActorClaims.Kind, nameof(ActorKind.Customer)),
            new(ActorClaims.Id, customerId.ToString()),
            new(ActorClaims.Customer, customerId.ToString()),
        };
        if (emailVerified) claims.Add(new Claim(ActorClaims.EmailVerified, "true"));
        if (key.Channel is { } channel) claims.Add(new Claim(ActorClaims.Channel, channel.ToString()));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_antiforgery)
        {
            await WriteAntiforgeryProblemAsync(Context, _problems, "/store/auth/antiforgery");
            return;
        }
        if (!_badToken)
        {
            await base.HandleChallengeAsync(properties);
            return;
        }
        await WriteAsync(new Error("auth.invalid_token",
            "The sign-in token is not valid: it expired, was revoked or is mistyped. Refresh it (POST /store/auth/refresh) or sign in again.",
            ErrorKind.Unauthorized));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<EndpointAccess>()?.Kind != AccessKind.Customer)
        {
            await base.HandleForbiddenAsync(properties);
            return;
        }
        await WriteAsync(new Error("auth.sign_in_required",
            "This needs a signed-in customer: send the access token from POST /store/auth/password as 'Authorization: Bearer ...'.",
            ErrorKind.Unauthorized));
    }

    private async Task WriteAsync(Error error)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await _problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = error.ToProblemDetails() });
    }

    protected override ApiKeyKind Kind => ApiKeyKind.Publishable;

    protected override Error MissingKeyError { get; } = new("auth.missing_publishable_key",
        $"Storefront endpoints need a publishable key: send '{AuthSchemes.PublishableKeyHeader}: pk_...'.", ErrorKind.Unauthorized);

    protected override string? ReadKey() =>
        Request.Headers.TryGetValue(AuthSchemes.PublishableKeyHeader, out var value) ? value.ToString().Trim() : null;

    protected override Task<VerifiedKey?> FindAsync(string lookup) => cache.GetAsync(lookup, () => LoadAsync(_db, lookup, Kind, Context.RequestAborted));
}

/// <summary>
/// Publishable keys are public and read on every storefront request, so a verified one is remembered for a few
/// seconds; revoking one takes effect everywhere within <see cref="Ttl"/>.
/// </summary>
internal sealed class PublishableKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (VerifiedKey? Key, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async Task<VerifiedKey?> GetAsync(string lookup, Func<Task<VerifiedKey?>> load)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(lookup, out var entry) && entry.Expires > now) return entry.Key;
        var key = await load();
        if (_entries.Count > 10_000) _entries.Clear();
        _entries[lookup] = (key is null ? null : key with { LastUsedAt = now }, now + Ttl);
        return key;
    }

    public void Forget(string lookup) => _entries.TryRemove(lookup, out _);
}
