using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Identity.Accounts;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Identity.Passkeys;

/// <summary>
/// A customer's passkeys on the storefront, for the relying party of the publishable key's channel (see
/// <see cref="RelyingParties"/>). Signed in, the customer asks for creation options
/// (<c>POST /store/auth/passkeys/registration/options</c>) and sends the browser's credential back
/// (<c>POST /store/auth/passkeys/registration</c>); lists and removes them under <c>/store/customers/me/passkeys</c>.
/// Anyone on the storefront may ask for sign-in options (no email: the passkey names its account) and answer them
/// (<c>POST /store/auth/passkeys/sign-in</c>) for the same tokens as a password sign-in, within the same per-IP limit.
/// </summary>
internal static class CustomerPasskeys
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/store/auth/passkeys").WithTags("Customer accounts");
        auth.MapPost("/registration/options", RegistrationOptions).RequireCustomer().WithName("CustomerPasskeyRegistrationOptions")
            .WithSummary("Options for navigator.credentials.create() and the challenge id to answer with").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        auth.MapPost("/registration", Register).RequireCustomer().WithName("CustomerPasskeyRegistration")
            .WithSummary("Register the passkey the browser made: { challengeId, credential, name? }").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/sign-in/options", SignInOptions).RequireStorefront().WithName("CustomerPasskeySignInOptions")
            .WithSummary("Options for navigator.credentials.get() (any passkey of this storefront) and the challenge id")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        auth.MapPost("/sign-in", SignIn).RequireStorefront().RefuseCookieOverHttp().WithName("CustomerPasskeySignIn")
            .WithSummary("Sign a customer in with a passkey: access and refresh tokens").Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var mine = app.MapGroup("/store/customers/me/passkeys").WithTags("Customer accounts");
        mine.MapGet("/", List).RequireCustomer().WithName("ListMyPasskeys").WithSummary("The signed-in customer's passkeys");
        mine.MapDelete("/{id:guid}", Delete).RequireCustomer().WithName("DeleteMyPasskey").WithSummary("Remove one of the signed-in customer's passkeys");
    }

    internal static Task<Results<Ok<PasskeyOptionsResponse>, ProblemHttpResult>> RegistrationOptions(HttpContext http, RunnerDbContext db,
        RelyingParties parties, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        OwnPasskeys.OptionsAsync(parties.ForStorefrontAsync(http.User, ct),
            async rp => await ceremonies.RegistrationOptionsAsync(SessionKind.Customer, await SubjectAsync(http, db, ct), rp, ct));

    internal static Task<Results<Created<PasskeyView>, ProblemHttpResult>> Register(PasskeyRegistrationRequest? body, HttpContext http,
        RunnerDbContext db, RelyingParties parties, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        OwnPasskeys.RegisterAsync(body, SessionKind.Customer, () => parties.ForStorefrontAsync(http.User, ct), () => SubjectAsync(http, db, ct), ceremonies,
            "/store/customers/me/passkeys", ct);

    internal static Task<Results<Ok<PasskeyOptionsResponse>, ProblemHttpResult>> SignInOptions(HttpContext http, RelyingParties parties,
        PasskeyCeremonies ceremonies, CancellationToken ct) =>
        OwnPasskeys.OptionsAsync(parties.ForStorefrontAsync(http.User, ct), rp => ceremonies.SignInOptionsAsync(SessionKind.Customer, rp, ct));

    internal static Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> SignIn(PasskeySignInRequest? body, HttpContext http, RunnerDbContext db,
        RelyingParties parties, PasskeyCeremonies ceremonies, Attempts attempts, SessionTokens tokens, IOptions<IdentityLimits> limits, CancellationToken ct) =>
        OwnPasskeys.SignInAsync(body, SessionKind.Customer, http, db, () => parties.ForStorefrontAsync(http.User, ct), ceremonies, attempts,
            limits.Value.SignInsPerIp, async (passkey, _) =>
            {
                var verified = await db.Set<CustomerAccount>().AsNoTracking().Where(a => a.CustomerId == passkey.SubjectId)
                    .Select(a => (bool?)(a.EmailVerifiedAt != null)).FirstOrDefaultAsync(ct);
                return verified is null ? null
                    : await tokens.IssueAsync(SessionKind.Customer, passkey.SubjectId, verified.Value, null, SignInEndpoints.IpOf(http), ct);
            }, ct);

    internal static Task<Ok<List<PasskeyView>>> List(HttpContext http, RunnerDbContext db, CancellationToken ct) =>
        OwnPasskeys.ListAsync(db, SessionKind.Customer, OwnPasskeys.SubjectOf(http), ct);

    internal static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, RunnerDbContext db, CancellationToken ct) =>
        OwnPasskeys.DeleteAsync(db, SessionKind.Customer, OwnPasskeys.SubjectOf(http), id, ct);

    private static async Task<PasskeySubject> SubjectAsync(HttpContext http, RunnerDbContext db, CancellationToken ct)
    {
        var id = OwnPasskeys.SubjectOf(http);
        var email = await db.Set<CustomerAccount>().AsNoTracking().Where(a => a.CustomerId == id).Select(a => a.EmailKey).FirstOrDefaultAsync(ct);
        return new PasskeySubject(id, email ?? id.ToString(), email ?? id.ToString());
    }
}
