using System.Text;
using Microsoft.Extensions.Options;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Http;

namespace Runner.Identity.Accounts;

/// <summary>Customer account settings (<c>Runner:Identity</c>).</summary>
public sealed class CustomerAccountOptions
{
    /// <summary>
    /// The storefront page that verifies an email; <c>{token}</c> is filled in, and the page posts it to
    /// <c>POST /store/customers/verify-email</c>. A relative URL is made absolute with <c>Runner:PublicUrl</c>.
    /// </summary>
    public string VerifyEmailUrl { get; set; } = "/account/verify-email?token={token}";

    /// <summary>
    /// The storefront page of a passwordless sign-in link; <c>{token}</c> is filled in, and the page posts it to
    /// <c>POST /store/auth/magic-link/verify</c>. A relative URL is made absolute with <c>Runner:PublicUrl</c>.
    /// </summary>
    public string MagicLinkUrl { get; set; } = "/account/sign-in?token={token}";

    /// <summary>
    /// The storefront page that confirms a change of email; <c>{token}</c> is filled in, and the page posts it to
    /// <c>POST /store/customers/me/email/confirm</c>. A relative URL is made absolute with <c>Runner:PublicUrl</c>.
    /// </summary>
    public string ChangeEmailUrl { get; set; } = "/account/confirm-email?token={token}";

    /// <summary>
    /// The storefront page of a password reset link; <c>{token}</c> is filled in, and the page posts it with the new
    /// password to <c>POST /store/auth/password-reset/confirm</c>. A relative URL is made absolute with <c>Runner:PublicUrl</c>.
    /// </summary>
    public string PasswordResetUrl { get; set; } = "/account/reset-password?token={token}";
}

/// <summary>
/// The signed token of an email verification link (<see cref="SignedTokens"/>): the customer, the email it was sent to
/// and an expiry. It verifies only that email of that account, so a link sent before an
/// email change cannot verify the new address.
/// </summary>
internal sealed class EmailVerification(SignedTokens signer, TimeProvider clock, IOptions<CustomerAccountOptions> options,
    IServiceProvider services)
{
    public const string KeyName = "identity_email_link_key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<string> UrlAsync(Guid customerId, string emailKey, CancellationToken ct)
    {
        var expires = (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var token = await signer.SignAsync(KeyName, $"{customerId:N}.{expires}.{SessionTokens.Base64Url(Encoding.UTF8.GetBytes(emailKey))}", "", ct);
        return PublicAddress.Absolute(services,
            options.Value.VerifyEmailUrl.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal));
    }

    /// <summary>The account and email a token verifies, when its signature holds and it has not expired; else null.</summary>
    public async Task<(Guid CustomerId, string EmailKey)?> CheckAsync(string? token, CancellationToken ct)
    {
        if (SignedTokens.Fields(token, 3) is not { } parts || !await signer.VerifyAsync(KeyName, token!, "", ct)) return null;
        if (!Guid.TryParseExact(parts[0], "N", out var customerId) || !long.TryParse(parts[1], out var expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.GetUtcNow() || Decode(parts[2]) is not { } email)
            return null;
        return (customerId, Encoding.UTF8.GetString(email));
    }

    private static byte[]? Decode(string text) => SessionTokens.FromBase64Url(text);
}
