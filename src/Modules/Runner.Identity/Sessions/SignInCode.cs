namespace Runner.Identity.Sessions;

/// <summary>
/// A one-time sign-in by email (table <c>identity_sign_in_codes</c>): a 6-digit code and a magic link sent together,
/// either usable once, for <see cref="EmailCodes.Lifetime"/>. Only keyed hashes are kept (HMAC-SHA256 with a key in
/// the database), so a copy of the table does not let anyone try the million codes offline. Five wrong codes end it.
/// </summary>
internal sealed class SignInCode
{
    public Guid Id { get; set; }
    public required string EmailKey { get; set; }
    public Guid CustomerId { get; set; }
    public required byte[] CodeHash { get; set; }
    public required byte[] LinkHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public int FailedAttempts { get; set; }
}
