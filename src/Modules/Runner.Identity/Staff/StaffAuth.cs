using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Identity.Passwords;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Identity.Staff;

public sealed record StaffSignInRequest(string? Email = null, string? Password = null, bool UseCookie = false) : ICookieSignIn;

/// <summary>The answer of a staff sign-in: tokens, or, with MFA on, a short-lived token to send with the code.</summary>
public sealed record StaffSignInResponse(bool MfaRequired, string? MfaToken = null, string? AccessToken = null, string? RefreshToken = null,
    int? ExpiresIn = null)
{
    internal static StaffSignInResponse Of(TokenResponse issued) => new(false, null, issued.AccessToken, issued.RefreshToken, issued.ExpiresIn);

    /// <summary>The tokens of a completed sign-in; null while the TOTP step is still to come.</summary>
    internal TokenResponse? Tokens => MfaRequired || AccessToken is null ? null : new(AccessToken, RefreshToken!, ExpiresIn!.Value);
}

public sealed record MfaVerifyRequest(string? MfaToken = null, string? Code = null, bool UseCookie = false) : ICookieSignIn;

public sealed record AcceptInvitationRequest(string? Token = null, string? Password = null);

public sealed record StaffMeResponse(Guid Id, string Email, string Name, string Role, IReadOnlyList<string> Permissions, bool MfaEnabled,
    bool MfaEnrolmentRequired);

/// <summary>
/// Staff sign-in: <c>POST /admin/auth/password</c> answers tokens, or <c>{ mfaRequired: true, mfaToken }</c> when the
/// account has TOTP on; <c>POST /admin/auth/mfa/verify</c> <c>{ mfaToken, code }</c> takes a TOTP code (each step once)
/// or a recovery code (each once). Refresh and sign-out as for customers; an invitation's link sets the password. The
/// same limits as the storefront's sign-in apply (per IP, and failures per email lock it for the window).
/// </summary>
internal static class StaffAuth
{
    public static readonly TimeSpan MfaTokenLifetime = TimeSpan.FromMinutes(5);
    public const string MfaKey = "identity_mfa_token_key";
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffMember>().HashPassword(null!, Guid.NewGuid().ToString()));

    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/admin/auth").WithTags("Staff sign-in");
        auth.MapPost("/password", Password).AllowPublic().RefuseCookieOverHttp().WithName("StaffPasswordSignIn")
            .WithSummary("Staff sign-in with email and password: tokens, or { mfaRequired, mfaToken }")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/mfa/verify", VerifyMfa).AllowPublic().RefuseCookieOverHttp().WithName("StaffMfaVerify")
            .WithSummary("Finish a staff sign-in with a TOTP or recovery code").ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/refresh", Refresh).AllowPublic().WithName("StaffRefreshToken").ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/sign-out", SignOut).AllowPublic().WithName("StaffSignOut").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("End the sign-in of a refresh token or of the dashboard's cookie, and drop the cookie");
        auth.MapGet("/antiforgery", (Delegate)SignInEndpoints.Antiforgery).AllowPublic().WithName("StaffAntiforgeryToken")
            .WithSummary("The antiforgery token that changes made with the dashboard's sign-in cookie must carry");
        auth.MapPost("/invitation/accept", Accept).AllowPublic().WithName("AcceptStaffInvitation")
            .WithSummary("Set the password of an invited staff account with the token of the emailed link").ProducesValidationProblem();
        auth.MapGet("/me", Me).RequireStaff().WithName("StaffMe").WithSummary("The signed-in staff member and what they may do");
        StaffMfa.Map(auth);
    }

    internal static async Task<Results<Ok<StaffSignInResponse>, NoContent, ProblemHttpResult>> Password(StaffSignInRequest? body, HttpContext http,
        RunnerDbContext db, Attempts attempts, SessionTokens tokens, SignedTokens signer, IOptions<IdentityLimits> limits, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validator();
        v.Required("email", body?.Email, 254);
        v.Required("password", body?.Password, 1000);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var key = "staff:" + body!.Email!.Trim().ToLowerInvariant();
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, SignInEndpoints.IpOf(http), limits.Value.SignInsPerIp, ct) is { } busy)
            return SignInEndpoints.TooMany(http, busy);
        if (await attempts.CheckAsync(Attempts.FailedEmail, key, limits.Value.FailuresPerEmail, ct) is { } locked) return SignInEndpoints.TooMany(http, locked);
        var emailKey = key["staff:".Length..];
        var member = await db.Set<StaffMember>().AsNoTracking().FirstOrDefaultAsync(s => s.EmailKey == emailKey && s.Status == StaffStatus.Active, ct);
        var result = new PasswordHasher<StaffMember>().VerifyHashedPassword(member!, member?.PasswordHash ?? DummyHash.Value, body.Password!);
        if (member is null || result == PasswordVerificationResult.Failed)
        {
            await attempts.CountAsync(Attempts.FailedEmail, key, ct);
            return Problems.Of(InvalidCredentials());
        }
        await attempts.ResetAsync(Attempts.FailedEmail, key, ct);
        if (member.TotpEnabledAt is not null)
            return TypedResults.Ok(new StaffSignInResponse(true, await MfaTokenAsync(signer, member.Id, clock, ct)));
        return await AnswerAsync(db, tokens, member.Id, http, body.UseCookie, false, ct);
    }

    internal static async Task<Results<Ok<StaffSignInResponse>, NoContent, ProblemHttpResult>> VerifyMfa(MfaVerifyRequest? body, HttpContext http,
        RunnerDbContext db, Attempts attempts, SessionTokens tokens, SignedTokens signer, SecretBox box, IOptions<IdentityLimits> limits,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("mfaToken", body?.MfaToken, 1000);
        v.Required("code", body?.Code, 50);
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, SignInEndpoints.IpOf(http), limits.Value.SignInsPerIp, ct) is { } busy)
            return SignInEndpoints.TooMany(http, busy);
        if (await CheckMfaTokenAsync(signer, body?.MfaToken, clock, ct) is not { } staffId)
            return Problems.Of(new Error("auth.invalid_mfa_token", "The MFA step expired or its token is not valid: sign in again.", ErrorKind.Unauthorized));
        var member = await db.Set<StaffMember>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.Status == StaffStatus.Active, ct);
        if (member is null) return Problems.Of(InvalidCredentials());
        var failures = "staff-mfa:" + member.Id;
        if (await attempts.CheckAsync(Attempts.FailedEmail, failures, limits.Value.FailuresPerEmail, ct) is { } locked) return SignInEndpoints.TooMany(http, locked);
        if (!await StaffMfa.UseCodeAsync(db, box, member, body?.Code, clock, ct))
        {
            await attempts.CountAsync(Attempts.FailedEmail, failures, ct);
            return Problems.Of(new Error("auth.invalid_mfa_code", "The code is not right, or was used already.", ErrorKind.Unauthorized));
        }
        await attempts.ResetAsync(Attempts.FailedEmail, failures, ct);
        return await AnswerAsync(db, tokens, member.Id, http, body!.UseCookie, true, ct);
    }

    internal static async Task<Results<Ok<StaffSignInResponse>, ProblemHttpResult>> Refresh(Sessions.RefreshRequest? body, HttpContext http,
        RunnerDbContext db, SessionTokens tokens, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.RefreshToken))
            return Problems.Of(Error.Invalid("refreshToken", "validation.required", "refreshToken is required."));
        var (issued, error) = await tokens.RotateAsync(body.RefreshToken, SessionKind.Staff, async id =>
            await db.Set<StaffMember>().AnyAsync(s => s.Id == id && s.Status == StaffStatus.Active, ct) ? true : null, SignInEndpoints.IpOf(http), ct);
        return issued is null ? Problems.Of(error!)
            : TypedResults.Ok(StaffSignInResponse.Of(issued));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> SignOut(Sessions.RefreshRequest? body, HttpContext http, SessionTokens tokens,
        CancellationToken ct) =>
        await SignInEndpoints.EndAsync(body, http, tokens, SessionKind.Staff, ct) ? TypedResults.NoContent() : Problems.Of(SignInEndpoints.AntiforgeryFailed);

    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Accept(AcceptInvitationRequest? body, RunnerDbContext db,
        SignedTokens signer, TimeProvider clock, CancellationToken ct)
    {
        var member = await StaffEndpoints.CheckInvitationAsync(db, signer, body?.Token, clock, ct);
        if (member is null)
            return Problems.Of(Error.Invalid("token", "staff.invalid_invitation", "This invitation link is not valid, was used, or expired: ask for a new one."));
        var v = new Validator();
        PasswordRules.Check(v, "password", body!.Password, member.Email);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var now = Instants.Now(clock);
        member.PasswordHash = new PasswordHasher<StaffMember>().HashPassword(member, body.Password!);
        member.Status = StaffStatus.Active;
        member.ActivatedAt = now;
        member.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(StaffEndpoints.ToResponse(member));
    }

    internal static async Task<Results<Ok<StaffMeResponse>, ProblemHttpResult>> Me(HttpContext http, RunnerDbContext db, CancellationToken ct)
    {
        var id = Guid.Parse(ActorClaims.From(http.User)!.Id);
        var member = await db.Set<StaffMember>().AsNoTracking().FirstAsync(s => s.Id == id, ct);
        return TypedResults.Ok(new StaffMeResponse(member.Id, member.Email, member.Name, member.Role,
            [.. http.User.FindAll(ActorClaims.Permission).Select(c => c.Value)], member.TotpEnabledAt is not null,
            http.User.HasClaim(Authentication.SecretKeyHandler.MustEnrolMfaClaim, "true")));
    }

    /// <summary>Signs the staff member in: tokens in the body, or the dashboard's cookie (204) when asked for.</summary>
    internal static async Task<Results<Ok<StaffSignInResponse>, NoContent, ProblemHttpResult>> AnswerAsync(RunnerDbContext db, SessionTokens tokens,
        Guid staffId, HttpContext http, bool useCookie, bool multiFactor, CancellationToken ct)
    {
        var issued = await IssueAsync(db, tokens, staffId, http, multiFactor, ct);
        return await SessionCookies.KeepAsync(http, SessionKind.Staff, issued, useCookie) ? TypedResults.NoContent() : TypedResults.Ok(StaffSignInResponse.Of(issued));
    }

    /// <summary>Starts a staff sign-in (<paramref name="multiFactor"/>: it proved two factors) and saves it.</summary>
    internal static async Task<TokenResponse> IssueAsync(RunnerDbContext db, SessionTokens tokens, Guid staffId, HttpContext http,
        bool multiFactor, CancellationToken ct)
    {
        var issued = await tokens.IssueAsync(SessionKind.Staff, staffId, true, null, SignInEndpoints.IpOf(http), ct, multiFactor);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    internal static Task<string> MfaTokenAsync(SignedTokens signer, Guid staffId, TimeProvider clock, CancellationToken ct) =>
        signer.SignAsync(MfaKey, $"mfa.{staffId:N}.{(clock.GetUtcNow() + MfaTokenLifetime).ToUnixTimeSeconds()}", "", ct);

    private static async Task<Guid?> CheckMfaTokenAsync(SignedTokens signer, string? token, TimeProvider clock, CancellationToken ct) =>
        SignedTokens.Fields(token, 3) is { } parts && parts[0] == "mfa" && Guid.TryParseExact(parts[1], "N", out var id)
        && long.TryParse(parts[2], out var expires) && DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow()
        && await signer.VerifyAsync(MfaKey, token!, "", ct) ? id : null;

    private static Error InvalidCredentials() => new("auth.invalid_credentials", "The email or the password is not right.", ErrorKind.Unauthorized);

}
