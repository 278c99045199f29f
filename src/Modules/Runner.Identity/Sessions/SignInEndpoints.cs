using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Identity.Accounts;
using Runner.Identity.Security;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Identity.Sessions;

/// <summary><c>useCookie</c>: keep the sign-in in a secure cookie (pages served by Runner) instead of answering tokens.</summary>
public sealed record PasswordSignInRequest(string? Email = null, string? Password = null, bool UseCookie = false) : ICookieSignIn;

public sealed record RefreshRequest(string? RefreshToken = null);

/// <summary>Send <c>token</c> in the header <c>headerName</c> with every change made with a sign-in cookie.</summary>
public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);

/// <summary>
/// A customer's sign-in: <c>POST /store/auth/password</c> answers an access token (15 minutes) and a refresh token
/// (30 days, used once); <c>POST /store/auth/refresh</c> exchanges a refresh token for the next pair; <c>POST
/// /store/auth/sign-out</c> revokes the sign-in. A wrong email and a wrong password answer alike. Sign-ins are limited
/// per IP address, and failures per email lock that email for the rest of the window (429 with Retry-After).
/// </summary>
internal static class SignInEndpoints
{
    /// <summary>Checked against when the email has no account, so an unknown email costs what a wrong password does.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<CustomerAccount>().HashPassword(null!, Guid.NewGuid().ToString()));

    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/store/auth").WithTags("Customer accounts");
        auth.MapPost("/password", Password).RequireStorefront().RefuseCookieOverHttp().WithName("CustomerPasswordSignIn")
            .WithSummary("Sign a customer in with email and password: access and refresh tokens")
            .Produces<TokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", Refresh).RequireStorefront().WithName("CustomerRefreshToken")
            .WithSummary("Exchange a refresh token (used once) for a new access and refresh token")
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/sign-out", SignOut).RequireStorefront().WithName("CustomerSignOut")
            .WithSummary("Revoke the sign-in a refresh token or the session cookie belongs to (every token of it), and drop the cookie")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        auth.MapGet("/antiforgery", (Delegate)Antiforgery).RequireStorefront().WithName("CustomerAntiforgeryToken")
            .WithSummary("The antiforgery token that changes made with the storefront's sign-in cookie must carry");
    }

    internal static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> Password(PasswordSignInRequest? body, HttpContext http,
        RunnerDbContext db, Attempts attempts, SessionTokens tokens, IOptions<IdentityLimits> limits, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("email", body?.Email, 254);
        v.Required("password", body?.Password, 1000);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var ip = IpOf(http);
        var key = body!.Email!.Trim().ToLowerInvariant();
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, ip, limits.Value.SignInsPerIp, ct) is { } busy) return TooMany(http, busy);
        if (await attempts.CheckAsync(Attempts.FailedEmail, key, limits.Value.FailuresPerEmail, ct) is { } locked) return TooMany(http, locked);

        var account = await db.Set<CustomerAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.EmailKey == key, ct);
        var hasher = new PasswordHasher<CustomerAccount>();
        var result = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash.Value, body.Password!);
        if (account is null || result == PasswordVerificationResult.Failed)
        {
            await attempts.CountAsync(Attempts.FailedEmail, key, ct);
            return Problems.Of(new Error("auth.invalid_credentials", "The email or the password is not right.", ErrorKind.Unauthorized));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = hasher.HashPassword(account, body.Password!);
            await db.Set<CustomerAccount>().Where(a => a.CustomerId == account.CustomerId && a.PasswordHash == account.PasswordHash)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, rehashed), ct);
        }
        await attempts.ResetAsync(Attempts.FailedEmail, key, ct);
        var issued = await tokens.IssueAsync(SessionKind.Customer, account.CustomerId, account.EmailVerifiedAt is not null, null, ip, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await SessionCookies.KeepAsync(http, SessionKind.Customer, issued, body.UseCookie) ? TypedResults.NoContent() : TypedResults.Ok(issued);
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest? body, HttpContext http, RunnerDbContext db,
        SessionTokens tokens, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.RefreshToken))
            return Problems.Of(Error.Invalid("refreshToken", "validation.required", "refreshToken is required."));
        var (issued, error) = await tokens.RotateAsync(body.RefreshToken, SessionKind.Customer, async id =>
            await db.Set<CustomerAccount>().AsNoTracking().Where(a => a.CustomerId == id).Select(a => (bool?)(a.EmailVerifiedAt != null))
                .FirstOrDefaultAsync(ct), IpOf(http), ct);
        return issued is null ? Problems.Of(error!) : TypedResults.Ok(issued);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> SignOut(RefreshRequest? body, HttpContext http, SessionTokens tokens,
        CancellationToken ct) =>
        await EndAsync(body, http, tokens, SessionKind.Customer, ct) ? TypedResults.NoContent() : Problems.Of(AntiforgeryFailed);

    internal static readonly Error AntiforgeryFailed = new("auth.antiforgery_failed",
        $"Signing out with a cookie needs the antiforgery token in '{SessionCookies.AntiforgeryHeader}'.", ErrorKind.Forbidden);

    /// <summary>
    /// Ends the sign-in of the refresh token sent, or of the session cookie, and drops the cookie. Answers alike
    /// whatever was sent, so it tells nothing.
    /// </summary>
    internal static async Task<bool> EndAsync(RefreshRequest? body, HttpContext http, SessionTokens tokens, SessionKind kind, CancellationToken ct)
    {
        if (SessionCookies.Present(http, kind) && !await SessionCookies.AntiforgeryHoldsAsync(http)) return false;
        if (!string.IsNullOrWhiteSpace(body?.RefreshToken) && await tokens.FindAsync(body.RefreshToken.Trim(), kind, ct) is { } session)
            await tokens.RevokeFamilyAsync(session.FamilyId, ct);
        if (!SessionCookies.Present(http, kind)) return true;
        if (await SessionCookies.ReadAsync(http, kind) is { } cookie) await tokens.RevokeFamilyAsync(cookie.Family, ct);
        await SessionCookies.SignOutAsync(http, kind);
        return true;
    }

    /// <summary>The antiforgery token for cookie-authenticated changes (it also sets the antiforgery cookie).</summary>
    internal static async Task<Results<Ok<AntiforgeryTokenResponse>, ProblemHttpResult>> Antiforgery(HttpContext http)
    {
        if (!SessionCookies.SecureContext(http)) return Problems.Of(SessionCookies.HttpsRequired);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AntiforgeryTokenResponse(await SessionCookies.AntiforgeryTokenAsync(http), SessionCookies.AntiforgeryHeader));
    }

    /// <summary>The client's address as the host sees it (behind a proxy, configure forwarded headers).</summary>
    internal static string IpOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>429 with Retry-After.</summary>
    internal static ProblemHttpResult TooMany(HttpContext http, Error error)
    {
        if (error.Extensions?.GetValueOrDefault("retryAfterSeconds") is int seconds) http.Response.Headers.RetryAfter = seconds.ToString();
        return Problems.Of(error);
    }
}
