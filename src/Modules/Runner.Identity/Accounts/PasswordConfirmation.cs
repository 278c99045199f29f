using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Identity.Accounts;

/// <summary>
/// A signed-in customer confirming a sensitive change (new password, new email, deleting the account) with their
/// password. Wrong passwords count toward the same lock as failed sign-ins of that email, so a stolen access token
/// cannot be used to guess the password either. An account made by a social sign-in has no password: its signed-in
/// session is the confirmation.
/// </summary>
internal static class PasswordConfirmation
{
    /// <summary>Null when the password confirms the change; else the problem to answer (400, or 429 while locked).</summary>
    public static async Task<ProblemHttpResult?> CheckAsync(HttpContext http, CustomerAccount account, string field, string? password,
        CancellationToken ct)
    {
        if (account.PasswordHash.Length == 0) return null;
        var attempts = http.RequestServices.GetRequiredService<Attempts>();
        var limit = http.RequestServices.GetRequiredService<IOptions<IdentityLimits>>().Value.FailuresPerEmail;
        if (await attempts.CheckAsync(Attempts.FailedEmail, account.EmailKey, limit, ct) is { } locked) return SignInEndpoints.TooMany(http, locked);
        if (!string.IsNullOrEmpty(password)
            && new PasswordHasher<CustomerAccount>().VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed)
            return null;
        await attempts.CountAsync(Attempts.FailedEmail, account.EmailKey, ct);
        return Problems.Of(Error.Invalid(field, "auth.invalid_credentials", "The account's password is not right."));
    }
}
