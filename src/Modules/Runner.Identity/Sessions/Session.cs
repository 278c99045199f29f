namespace Runner.Identity.Sessions;

/// <summary>Who a sign-in is for.</summary>
public enum SessionKind { Customer, Staff }

/// <summary>
/// One refresh token of a sign-in (table <c>identity_sessions</c>), a customer's or a staff member's. A sign-in starts a
/// family; each refresh uses its token up and issues the next in the same family. Only a SHA-256 of the token is kept.
/// A used token sent again means it leaked (or a client raced itself): the whole family is revoked, so whoever holds a
/// copy is out.
/// </summary>
internal sealed class Session
{
    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public SessionKind Kind { get; set; }
    /// <summary>The customer's id (a customer record's) or the staff member's.</summary>
    public Guid SubjectId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>When this token was exchanged for the next one.</summary>
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>When the family was revoked (sign-out, reuse detected, password changed).</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    public string? Ip { get; set; }
    /// <summary>
    /// The sign-in proved two factors (a TOTP or recovery code after the password, or a passkey that verified its
    /// user); kept through refreshes. A store that requires staff MFA accepts such a sign-in without TOTP.
    /// </summary>
    public bool MultiFactor { get; set; }
}
