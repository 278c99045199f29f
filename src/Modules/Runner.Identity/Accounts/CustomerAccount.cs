namespace Runner.Identity.Accounts;

/// <summary>
/// A customer's credentials (table <c>identity_customer_accounts</c>), attached to the customer record checkout already
/// keeps for the email (<see cref="CustomerId"/> is that record's id). Identity owns the password and the sessions; the
/// customers module owns the person, so erasing a person never has to look here for their name.
/// </summary>
internal sealed class CustomerAccount
{
    public Guid CustomerId { get; set; }
    /// <summary>The email, trimmed and lower-cased: unique, compared case-insensitively.</summary>
    public required string EmailKey { get; set; }
    /// <summary>ASP.NET Core Identity's PBKDF2 format (<c>PasswordHasher</c>), never the password.</summary>
    public required string PasswordHash { get; set; }
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    /// <summary>Changes with the password: verification links made before it stop working.</summary>
    public DateTimeOffset PasswordChangedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
