using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Customers.Contracts;
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

public sealed record ChangeEmailRequest(string? Email = null, string? Password = null);
public sealed record ConfirmEmailChangeRequest(string? Token = null);

/// <summary>
/// Changing a customer's email, re-verified: <c>POST /store/customers/me/email</c> <c>{ email, password }</c> emails a
/// link to the new address (and a notice to the old one); nothing changes until <c>POST
/// /store/customers/me/email/confirm</c> <c>{ token }</c> comes back from that link, which proves the new address. The
/// link lives a day and dies when the account's email or password changes first. The answer to the request is 202
/// whether or not the new email is taken, so it cannot be used to learn who shops here; the confirmation says so.
/// </summary>
internal static class ChangeEmail
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    public const string KeyName = "identity_email_change_key";

    public static void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/store/customers/me/email").WithTags("Customer accounts");
        me.MapPost("", Request).RequireCustomer().WithName("ChangeMyEmail")
            .WithSummary("Ask to change the signed-in customer's email: a confirmation link goes to the new address")
            .Produces<AcceptedResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        me.MapPost("/confirm", Confirm).RequireStorefront().WithName("ConfirmEmailChange")
            .WithSummary("Confirm a change of email with the token of the link sent to the new address")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Accepted<AcceptedResponse>, ProblemHttpResult>> Request(ChangeEmailRequest? body, HttpContext http,
        RunnerDbContext db, SignedTokens signer, IEmailSender email, IStoreQueries store, IOptions<CustomerAccountOptions> options,
        IServiceProvider services, TimeProvider clock, ILogger<CustomerAccount> logger, CancellationToken ct)
    {
        var id = ActorClaims.CustomerOf(http.User)!.Value;
        var account = await db.Set<CustomerAccount>().AsNoTracking().FirstAsync(a => a.CustomerId == id, ct);
        var v = new Validator();
        if (v.Required("email", body?.Email, 254)) v.Email("email", body!.Email);
        if (v.IsValid && body!.Email!.Trim().Equals(account.EmailKey, StringComparison.OrdinalIgnoreCase))
            v.Add("email", "customers.same_email", "This is already the account's email.");
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await PasswordConfirmation.CheckAsync(http, account, "password", body!.Password, ct) is { } refused) return refused;

        var to = body!.Email!.Trim();
        var fields = $"{id:N}.{SessionTokens.Base64Url(Encoding.UTF8.GetBytes(to))}.{(clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds()}";
        var token = await signer.SignAsync(KeyName, fields, Bound(account), ct);
        var url = PublicAddress.Absolute(services, options.Value.ChangeEmailUrl.Replace("{token}", token, StringComparison.Ordinal));
        var shop = (await store.GetSettingsAsync(ct)).Name;
        var confirm = new EmailMessage(to, $"Confirm your new email at {shop}",
            $"Confirm that this is the new email of your account at {shop}:\n{url}\n\nThe link works once, for a day. "
            + "If you did not ask for this, ignore this email: nothing changes.\n");
        var notice = new EmailMessage(account.EmailKey, $"Your email at {shop} is about to change",
            $"Someone signed in to your account at {shop} asked to move it to another email address. It changes only once that "
            + "address confirms. If it was not you, change your password now.\n");
        if (await DirectEmail.SendAsync(email, logger, "An email change confirmation", ct, confirm, notice) is { } unavailable)
            return Problems.Of(unavailable);
        return TypedResults.Accepted((string?)null, new AcceptedResponse("Check the new address: the change takes effect once its link is opened."));
    }

    internal static async Task<Results<Ok<EmailVerifiedResponse>, ProblemHttpResult>> Confirm(ConfirmEmailChangeRequest? body, RunnerDbContext db,
        SignedTokens signer, ICustomers customers, TimeProvider clock, CancellationToken ct)
    {
        var invalid = Error.Invalid("token", "auth.invalid_email_change_token", "This link is not valid, was used, or expired: ask for a new one.");
        if (SignedTokens.Fields(body?.Token, 3) is not { } parts || !Guid.TryParseExact(parts[0], "N", out var id)
            || SessionTokens.FromBase64Url(parts[1]) is not { } bytes || !long.TryParse(parts[2], out var expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.GetUtcNow())
            return Problems.Of(invalid);
        var account = await db.Set<CustomerAccount>().FirstOrDefaultAsync(a => a.CustomerId == id, ct);
        if (account is null || !await signer.VerifyAsync(KeyName, body!.Token!, Bound(account), ct)) return Problems.Of(invalid);
        var email = Encoding.UTF8.GetString(bytes);
        var key = email.ToLowerInvariant();
        var taken = Error.Conflict("customers.email_taken",
            "Another customer account or customer record already has this email. Sign in to that one, or choose another email.");
        if (await db.Set<CustomerAccount>().AnyAsync(a => a.EmailKey == key, ct)) return Problems.Of(taken);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await customers.ChangeEmailAsync(new CustomerId(id), email, ct))
        {
            await transaction.RollbackAsync(ct);
            return Problems.Of(taken);
        }
        var now = Instants.Now(clock);
        account.EmailKey = key;
        account.EmailVerifiedAt = now;
        account.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Of(taken); // the same email confirmed by another account a moment ago
        }
        return TypedResults.Ok(new EmailVerifiedResponse(true, "The account's email is changed and verified. Refresh your sign-in to see it."));
    }

    /// <summary>A link dies once the email or the password changed after it was made.</summary>
    private static string Bound(CustomerAccount account) => $"{account.EmailKey}|{account.PasswordChangedAt.ToUnixTimeMilliseconds()}";
}
