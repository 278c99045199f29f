using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Identity.Accounts;
using Runner.Identity.Security;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Email;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Identity.Sessions;

public sealed record EmailCodeRequest(string? Email = null);

public sealed record EmailCodeVerifyRequest(string? Email = null, string? Code = null, bool UseCookie = false) : ICookieSignIn;

public sealed record MagicLinkVerifyRequest(string? Token = null, bool UseCookie = false) : ICookieSignIn;

/// <summary>
/// Passwordless sign-in: <c>POST /store/auth/email-code</c> emails a 6-digit code and a magic link (202 whatever the
/// email, so it tells nothing; an email with no account is told so in its inbox); <c>POST
/// /store/auth/email-code/verify</c> and <c>POST /store/auth/magic-link/verify</c> answer tokens, once. Signing in this
/// way proves the email, so it also verifies it. The code is emailed at once, never written to the outbox: a code
/// must not sit in a table in clear.
/// </summary>
internal static class EmailCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxFailures = 5;
    public const string KeyName = "identity_sign_in_code_key";
    public const string CodeIp = "code_ip", CodeEmail = "code_email";
    /// <summary>Codes one email may be sent per window of the limits.</summary>
    public const int CodesPerEmail = 5;

    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/store/auth").WithTags("Customer accounts");
        auth.MapPost("/email-code", Send).RequireStorefront().WithName("SendSignInCode")
            .WithSummary("Email a one-time sign-in code and magic link (202 whatever the email)")
            .Produces<AcceptedResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/email-code/verify", VerifyCode).RequireStorefront().RefuseCookieOverHttp().WithName("VerifySignInCode")
            .WithSummary("Sign in with the emailed code: access and refresh tokens").Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/magic-link/verify", VerifyLink).RequireStorefront().RefuseCookieOverHttp().WithName("VerifyMagicLink")
            .WithSummary("Sign in with the token of the emailed link: access and refresh tokens").Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    internal static async Task<Results<Accepted<AcceptedResponse>, ProblemHttpResult>> Send(EmailCodeRequest? body, HttpContext http,
        RunnerDbContext db, Attempts attempts, IOptions<IdentityLimits> limits, SharedSecrets secrets, IEmailSender email,
        IStoreQueries store, IOptions<CustomerAccountOptions> options, IServiceProvider services, TimeProvider clock, ILogger<SignInCode> logger,
        CancellationToken ct)
    {
        var (to, key, refused) = await DirectEmail.AcceptAsync(http, body?.Email, attempts, limits.Value, CodeIp, CodeEmail, CodesPerEmail, ct);
        if (refused is not null) return refused;

        var settings = await store.GetSettingsAsync(ct);
        var account = await db.Set<CustomerAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.EmailKey == key, ct);
        EmailMessage message;
        if (account is null)
        {
            message = new EmailMessage(to, $"Signing in to {settings.Name}",
                $"Someone asked to sign in to {settings.Name} with this email address, which has no account here.\n\n"
                + "If it was you, create an account first. If it was not you, you need not do anything.\n");
        }
        else
        {
            var now = Instants.Now(clock);
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000");
            var link = SessionTokens.Base64Url(RandomNumberGenerator.GetBytes(32));
            var secret = await secrets.GetAsync(db, KeyName, ct);
            db.Add(new SignInCode
            {
                Id = Guid.CreateVersion7(now), EmailKey = key, CustomerId = account.CustomerId, CodeHash = Mac(secret, "code:" + key + ":" + code),
                LinkHash = Mac(secret, "link:" + link), CreatedAt = now, ExpiresAt = now + Lifetime,
            });
            await db.SaveChangesAsync(ct);
            var url = PublicAddress.Absolute(services, options.Value.MagicLinkUrl.Replace("{token}", link, StringComparison.Ordinal));
            message = new EmailMessage(to, $"Your sign-in code for {settings.Name}: {code}",
                $"Your sign-in code is {code}\n\nOr open this link to sign in:\n{url}\n\n"
                + $"Both work once, for {(int)Lifetime.TotalMinutes} minutes. If you did not ask for this, ignore this email.\n");
        }
        if (await DirectEmail.SendAsync(email, logger, "A sign-in code email", ct, message) is { } unavailable) return Problems.Of(unavailable);
        return TypedResults.Accepted((string?)null, new AcceptedResponse("If this email has an account, a sign-in code is on its way."));
    }

    internal static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> VerifyCode(EmailCodeVerifyRequest? body, HttpContext http,
        RunnerDbContext db, Attempts attempts, IOptions<IdentityLimits> limits, SharedSecrets secrets, SessionTokens tokens, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validator();
        v.Required("email", body?.Email, 254);
        v.Required("code", body?.Code, 20);
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, SignInEndpoints.IpOf(http), limits.Value.SignInsPerIp, ct) is { } busy)
            return SignInEndpoints.TooMany(http, busy);
        var key = body!.Email!.Trim().ToLowerInvariant();
        var now = Instants.Now(clock);
        // The newest live code of the email: a new code replaces the ones sent before it.
        var live = await db.Set<SignInCode>().AsNoTracking()
            .Where(c => c.EmailKey == key && c.UsedAt == null && c.ExpiresAt > now && c.FailedAttempts < MaxFailures)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (live is null) return InvalidCode();
        var expected = Mac(await secrets.GetAsync(db, KeyName, ct), "code:" + key + ":" + body.Code!.Replace(" ", "", StringComparison.Ordinal));
        if (!CryptographicOperations.FixedTimeEquals(expected, live.CodeHash))
        {
            await db.Set<SignInCode>().Where(c => c.Id == live.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), ct);
            return InvalidCode();
        }
        return await SignInAsync(db, tokens, live, http, body.UseCookie, now, ct);
    }

    internal static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> VerifyLink(MagicLinkVerifyRequest? body, HttpContext http,
        RunnerDbContext db, SharedSecrets secrets, SessionTokens tokens, Attempts attempts, IOptions<IdentityLimits> limits, TimeProvider clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Token)) return Problems.Of(Error.Invalid("token", "validation.required", "token is required."));
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, SignInEndpoints.IpOf(http), limits.Value.SignInsPerIp, ct) is { } busy)
            return SignInEndpoints.TooMany(http, busy);
        if (body.Token.Length > 100) return InvalidCode();
        var hash = Mac(await secrets.GetAsync(db, KeyName, ct), "link:" + body.Token.Trim());
        var now = Instants.Now(clock);
        var live = await db.Set<SignInCode>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.LinkHash == hash && c.UsedAt == null && c.ExpiresAt > now, ct);
        return live is null ? InvalidCode() : await SignInAsync(db, tokens, live, http, body.UseCookie, now, ct);
    }

    /// <summary>Uses the code up (once, whichever of code and link comes first), verifies the email, and signs in.</summary>
    private static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> SignInAsync(RunnerDbContext db, SessionTokens tokens,
        SignInCode live, HttpContext http, bool useCookie, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var used = await db.Set<SignInCode>().Where(c => c.Id == live.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        var verified = used == 0 ? 0 : await db.Set<CustomerAccount>().Where(a => a.CustomerId == live.CustomerId && a.EmailKey == live.EmailKey)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailVerifiedAt, a => a.EmailVerifiedAt ?? now), ct);
        if (used == 0 || verified == 0)
        {
            await transaction.RollbackAsync(ct);
            return InvalidCode();
        }
        var issued = await tokens.IssueAsync(SessionKind.Customer, live.CustomerId, true, null, SignInEndpoints.IpOf(http), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await SessionCookies.KeepAsync(http, SessionKind.Customer, issued, useCookie) ? TypedResults.NoContent() : TypedResults.Ok(issued);
    }

    private static ProblemHttpResult InvalidCode() => Problems.Of(new Error("auth.invalid_code",
        "This code or link is not valid: it is wrong, was used, or expired. Ask for a new one.", ErrorKind.Unauthorized));

    private static byte[] Mac(byte[] key, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
}
