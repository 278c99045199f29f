using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Customers.Contracts;
using Runner.Identity.Accounts;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Identity.OpenIdConnect;

/// <summary>
/// Finishes a provider sign-in: the account linked to the provider's user; else the account with the email the
/// provider verified, linked now; else a new account for that email (no password; the customer record checkout keeps
/// for the email, guest orders included, becomes its). A provider that does not vouch for the email cannot link or
/// create anything. Linking to an account whose email was never verified also clears its password and ends its
/// sign-ins: whoever registered the email before its owner proved it is locked out.
/// </summary>
internal static class OidcSignIn
{
    internal static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> Callback(OidcCallbackRequest? body, HttpContext http,
        RunnerDbContext db, OidcClient client, IDataProtectionProvider protection, ICustomers customers, SessionTokens tokens, Attempts attempts,
        IOptions<IdentityLimits> limits, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("state", body?.State, 4000);
        v.Required("code", body?.Code, 2000);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var ip = SignInEndpoints.IpOf(http);
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, ip, limits.Value.SignInsPerIp, ct) is { } busy) return SignInEndpoints.TooMany(http, busy);
        if (OidcEndpoints.Open(protection, body!.State, http) is not { } state || client.Find(state.Provider) is not { } provider)
            return Problems.Of(new Error("auth.oidc_invalid_state",
                "This sign-in was not started here, or it expired: start it again.", ErrorKind.Unauthorized));
        var (external, error) = await client.ExchangeAsync(provider, body.Code!, state.RedirectUri, state.Verifier, state.Nonce, ct);
        if (external is null) return Problems.Of(error!);

        var now = Instants.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var login = await db.Set<ExternalLogin>().FirstOrDefaultAsync(l => l.Provider == state.Provider && l.Subject == external.Subject, ct);
        var account = login is null ? null : await db.Set<CustomerAccount>().FirstOrDefaultAsync(a => a.CustomerId == login.CustomerId, ct);
        if (account is null)
        {
            if (external.Email is not { Length: > 0 } email || !external.EmailVerified || !new Validator().Email("email", email))
            {
                await transaction.RollbackAsync(ct);
                return Problems.Of(new Error("auth.oidc_email_unverified",
                    "The provider did not confirm an email address for this account, so it cannot be linked to one here. Sign in another way.",
                    ErrorKind.Unauthorized));
            }
            account = await LinkOrCreateAsync(db, customers, tokens, email.Trim(), external, now, ct);
            if (login is not null) db.Remove(login); // its account was deleted: link afresh
            db.Add(new ExternalLogin
            {
                Id = Guid.CreateVersion7(now), Provider = state.Provider, Subject = external.Subject, CustomerId = account.CustomerId,
                CreatedAt = now, LastUsedAt = now,
            });
        }
        else login!.LastUsedAt = now;
        var issued = await tokens.IssueAsync(SessionKind.Customer, account.CustomerId, account.EmailVerifiedAt is not null, null, ip, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same provider user (or email) linked by a sign-in that finished a moment before: nothing was kept.
            return Problems.Of(Error.Conflict("auth.oidc_concurrent",
                "Another sign-in with this account finished at the same moment. Start the sign-in again."));
        }
        return await SessionCookies.KeepAsync(http, SessionKind.Customer, issued, body.UseCookie) ? TypedResults.NoContent() : TypedResults.Ok(issued);
    }

    private static async Task<CustomerAccount> LinkOrCreateAsync(RunnerDbContext db, ICustomers customers, SessionTokens tokens, string email,
        ExternalIdentity external, DateTimeOffset now, CancellationToken ct)
    {
        var key = email.ToLowerInvariant();
        var account = await db.Set<CustomerAccount>().FirstOrDefaultAsync(a => a.EmailKey == key, ct);
        if (account is null)
        {
            var customerId = await customers.EnsureAsync(email, external.GivenName, external.FamilyName, null, ct: ct);
            account = new CustomerAccount
            {
                CustomerId = customerId.Value, EmailKey = key, PasswordHash = "", EmailVerifiedAt = now, PasswordChangedAt = now, CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(account);
            return account;
        }
        if (account.EmailVerifiedAt is null)
        {
            account.PasswordHash = "";
            account.PasswordChangedAt = now;
            account.EmailVerifiedAt = now;
            await tokens.RevokeAllAsync(SessionKind.Customer, account.CustomerId, ct);
        }
        account.UpdatedAt = now;
        return account;
    }
}
