using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Identity.Passwords;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Email;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Identity.Accounts;

public sealed record PasswordResetRequest(string? Email = null);

public sealed record PasswordResetConfirmRequest(string? Token = null, string? Password = null);

public sealed record ChangePasswordRequest(string? CurrentPassword = null, string? NewPassword = null);

/// <summary>
/// Passwords: <c>POST /store/auth/password-reset</c> <c>{ email }</c> emails a link (202 whatever the email; one with no
/// account is told so); <c>POST /store/auth/password-reset/confirm</c> <c>{ token, password }</c> sets the new password,
/// verifies the email (the link proved it) and ends every sign-in of the account. The link lives an hour and works once:
/// it is bound to the time the password last changed. <c>POST /store/customers/me/password</c> changes it when signed
/// in, with the current password, ending every other sign-in and answering new tokens.
/// </summary>
internal static class PasswordReset
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    public const string KeyName = "identity_password_reset_key";
    public const string ResetIp = "reset_ip", ResetEmail = "reset_email";
    public const int ResetsPerEmail = 5;

    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/store/auth").WithTags("Customer accounts");
        auth.MapPost("/password-reset", Send).RequireStorefront().WithName("RequestPasswordReset")
            .WithSummary("Email a password reset link (202 whatever the email)").Produces<AcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset/confirm", Confirm).RequireStorefront().WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with the token of the emailed link; every sign-in of the account ends").ProducesValidationProblem();
        app.MapPost("/store/customers/me/password", Change).RequireCustomer().WithTags("Customer accounts").WithName("ChangeMyPassword")
            .WithSummary("Change the signed-in customer's password: new tokens, every other sign-in ends").Produces<TokenResponse>()
            .ProducesValidationProblem();
    }

    internal static async Task<Results<Accepted<AcceptedResponse>, ProblemHttpResult>> Send(PasswordResetRequest? body, HttpContext http,
        RunnerDbContext db, Attempts attempts, IOptions<IdentityLimits> limits, SignedTokens signer, IEmailSender email, IStoreQueries store,
        IOptions<CustomerAccountOptions> options, IServiceProvider services, TimeProvider clock, ILogger<CustomerAccount> logger, CancellationToken ct)
    {
        var (to, key, refused) = await DirectEmail.AcceptAsync(http, body?.Email, attempts, limits.Value, ResetIp, ResetEmail, ResetsPerEmail, ct);
        if (refused is not null) return refused;

        var settings = await store.GetSettingsAsync(ct);
        var account = await db.Set<CustomerAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.EmailKey == key, ct);
        EmailMessage message;
        if (account is null)
        {
            message = new EmailMessage(to, $"Resetting a password at {settings.Name}",
                $"Someone asked to reset the password of an account at {settings.Name} with this email address, which has none here.\n\n"
                + "If it was you, create an account instead. If it was not you, you need not do anything.\n");
        }
        else
        {
            var fields = $"{account.CustomerId:N}.{(clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds()}";
            var token = await signer.SignAsync(KeyName, fields, Bound(account), ct);
            var url = PublicAddress.Absolute(services, options.Value.PasswordResetUrl.Replace("{token}", token, StringComparison.Ordinal));
            message = new EmailMessage(to, $"Reset your password at {settings.Name}",
                $"Choose a new password here:\n{url}\n\nThe link works once, for {(int)Lifetime.TotalMinutes} minutes. "
                + "If you did not ask for this, ignore this email: your password stays as it is.\n");
        }
        if (await DirectEmail.SendAsync(email, logger, "A password reset email", ct, message) is { } unavailable) return Problems.Of(unavailable);
        return TypedResults.Accepted((string?)null, new AcceptedResponse("If this email has an account, a reset link is on its way."));
    }

    internal static async Task<Results<Ok<AcceptedResponse>, ProblemHttpResult>> Confirm(PasswordResetConfirmRequest? body, RunnerDbContext db,
        SignedTokens signer, SessionTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        var invalid = Error.Invalid("token", "auth.invalid_reset_token", "This reset link is not valid, was used, or expired: ask for a new one.");
        if (SignedTokens.Fields(body?.Token, 2) is not { } parts || !Guid.TryParseExact(parts[0], "N", out var id)
            || !long.TryParse(parts[1], out var expires) || DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.GetUtcNow())
            return Problems.Of(invalid);
        var account = await db.Set<CustomerAccount>().FirstOrDefaultAsync(a => a.CustomerId == id, ct);
        if (account is null || !await signer.VerifyAsync(KeyName, body!.Token!, Bound(account), ct)) return Problems.Of(invalid);
        var v = new Validator();
        PasswordRules.Check(v, "password", body.Password, account.EmailKey);
        if (!v.IsValid) return Problems.Of(v.ToError());
        await SetPasswordAsync(db, tokens, account, body.Password!, clock, ct);
        return TypedResults.Ok(new AcceptedResponse("Your password is changed: sign in with it."));
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Change(ChangePasswordRequest? body, HttpContext http, RunnerDbContext db,
        SessionTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        var id = ActorClaims.CustomerOf(http.User)!.Value;
        var account = await db.Set<CustomerAccount>().FirstOrDefaultAsync(a => a.CustomerId == id, ct);
        if (account is null) return Problems.Of(Error.NotFound("customers.not_found", "This account no longer exists."));
        var v = new Validator();
        if (account.PasswordHash.Length > 0) v.Required("currentPassword", body?.CurrentPassword, 1000); // else a social sign-in's first password
        PasswordRules.Check(v, "newPassword", body?.NewPassword, account.EmailKey);
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await PasswordConfirmation.CheckAsync(http, account, "currentPassword", body!.CurrentPassword, ct) is { } refused) return refused;
        await SetPasswordAsync(db, tokens, account, body.NewPassword!, clock, ct, verify: false);
        var issued = await tokens.IssueAsync(SessionKind.Customer, id, account.EmailVerifiedAt is not null, null, SignInEndpoints.IpOf(http), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(issued);
    }

    /// <summary>Sets the password and ends every sign-in of the account, in one transaction; a reset also verifies the email.</summary>
    private static async Task SetPasswordAsync(RunnerDbContext db, SessionTokens tokens, CustomerAccount account, string password, TimeProvider clock,
        CancellationToken ct, bool verify = true)
    {
        var now = Instants.Now(clock);
        account.PasswordHash = new PasswordHasher<CustomerAccount>().HashPassword(account, password);
        account.PasswordChangedAt = now;
        account.UpdatedAt = now;
        if (verify) account.EmailVerifiedAt ??= now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllAsync(SessionKind.Customer, account.CustomerId, ct);
        await transaction.CommitAsync(ct);
    }

    private static string Bound(CustomerAccount account) =>
        account.PasswordChangedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
