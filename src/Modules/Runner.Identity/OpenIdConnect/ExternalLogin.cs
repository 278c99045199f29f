namespace Runner.Identity.OpenIdConnect;

/// <summary>
/// A customer account's link to an OpenID Connect provider's user (table <c>identity_external_logins</c>): the
/// provider's stable subject, so a later sign-in finds the account even after the email changed on either side.
/// </summary>
internal sealed class ExternalLogin
{
    public Guid Id { get; set; }
    /// <summary>The provider's key in the settings (<c>Runner:Identity:OpenIdConnect:Providers:{key}</c>).</summary>
    public required string Provider { get; set; }
    /// <summary>The provider's <c>sub</c> claim.</summary>
    public required string Subject { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastUsedAt { get; set; }
}
