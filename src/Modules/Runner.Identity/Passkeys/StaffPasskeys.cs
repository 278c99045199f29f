using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Identity.Staff;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Identity.Passkeys;

/// <summary>
/// A staff member's passkeys for the dashboard (see <see cref="RelyingParties.ForDashboardAsync"/>), in the same four
/// steps as the storefront's under <c>/admin/auth/passkeys</c>, and their list and removal. Sign-in is open like the
/// password's and counted against the same per-IP limit; a disabled account cannot sign in. A passkey that verified the
/// person (user verification: PIN or biometrics) is a second factor by itself, so such a sign-in answers tokens without
/// the TOTP step even when the account has TOTP on; without user verification the TOTP step follows as after a password.
/// </summary>
internal static class StaffPasskeys
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/auth/passkeys").WithTags("Staff sign-in");
        group.MapPost("/registration/options", RegistrationOptions).RequireStaff().WithName("StaffPasskeyRegistrationOptions")
            .WithSummary("Options for navigator.credentials.create() and the challenge id to answer with").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/registration", Register).RequireStaff().WithName("StaffPasskeyRegistration")
            .WithSummary("Register the passkey the browser made: { challengeId, credential, name? }").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/sign-in/options", SignInOptions).AllowPublic().WithName("StaffPasskeySignInOptions")
            .WithSummary("Options for navigator.credentials.get() (any staff passkey) and the challenge id")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/sign-in", SignIn).AllowPublic().RefuseCookieOverHttp().WithName("StaffPasskeySignIn")
            .WithSummary("Staff sign-in with a passkey: tokens (user verification counts as the second factor)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/", List).RequireStaff().WithName("ListStaffPasskeys").WithSummary("The signed-in staff member's passkeys");
        group.MapDelete("/{id:guid}", Delete).RequireStaff().WithName("DeleteStaffPasskey").WithSummary("Remove one of the signed-in staff member's passkeys");
    }

    internal static Task<Results<Ok<PasskeyOptionsResponse>, ProblemHttpResult>> RegistrationOptions(HttpContext http, RunnerDbContext db,
        RelyingParties parties, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        OwnPasskeys.OptionsAsync(parties.ForDashboardAsync(ct),
            async rp => await ceremonies.RegistrationOptionsAsync(SessionKind.Staff, await SubjectAsync(http, db, ct), rp, ct));

    internal static Task<Results<Created<PasskeyView>, ProblemHttpResult>> Register(PasskeyRegistrationRequest? body, HttpContext http,
        RunnerDbContext db, RelyingParties parties, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        OwnPasskeys.RegisterAsync(body, SessionKind.Staff, () => parties.ForDashboardAsync(ct), () => SubjectAsync(http, db, ct), ceremonies,
            "/admin/auth/passkeys", ct);

    internal static Task<Results<Ok<PasskeyOptionsResponse>, ProblemHttpResult>> SignInOptions(RelyingParties parties,
        PasskeyCeremonies ceremonies, CancellationToken ct) =>
        OwnPasskeys.OptionsAsync(parties.ForDashboardAsync(ct), rp => ceremonies.SignInOptionsAsync(SessionKind.Staff, rp, ct));

    internal static Task<Results<Ok<StaffSignInResponse>, NoContent, ProblemHttpResult>> SignIn(PasskeySignInRequest? body, HttpContext http,
        RunnerDbContext db, RelyingParties parties, PasskeyCeremonies ceremonies, Attempts attempts, SessionTokens tokens, SignedTokens signer,
        IOptions<IdentityLimits> limits, TimeProvider clock, CancellationToken ct) =>
        OwnPasskeys.SignInAsync(body, SessionKind.Staff, http, db, () => parties.ForDashboardAsync(ct), ceremonies, attempts, limits.Value.SignInsPerIp,
            async (passkey, verified) =>
            {
                var member = await db.Set<StaffMember>().AsNoTracking()
                    .FirstOrDefaultAsync(s => s.Id == passkey.SubjectId && s.Status == StaffStatus.Active, ct);
                if (member is null) return null;
                return member.TotpEnabledAt is not null && !verified
                    ? new StaffSignInResponse(true, await StaffAuth.MfaTokenAsync(signer, member.Id, clock, ct))
                    : StaffSignInResponse.Of(await StaffAuth.IssueAsync(db, tokens, member.Id, http, verified, ct));
            }, ct);

    internal static Task<Ok<List<PasskeyView>>> List(HttpContext http, RunnerDbContext db, CancellationToken ct) =>
        OwnPasskeys.ListAsync(db, SessionKind.Staff, OwnPasskeys.SubjectOf(http), ct);

    internal static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, RunnerDbContext db, CancellationToken ct) =>
        OwnPasskeys.DeleteAsync(db, SessionKind.Staff, OwnPasskeys.SubjectOf(http), id, ct);

    private static async Task<PasskeySubject> SubjectAsync(HttpContext http, RunnerDbContext db, CancellationToken ct)
    {
        var id = OwnPasskeys.SubjectOf(http);
        var member = await db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Email, s.Name }).FirstAsync(ct);
        return new PasskeySubject(id, member.Email, member.Name);
    }
}
