namespace Runner.Identity.Staff;

public enum StaffStatus { Invited, Active, Disabled }

/// <summary>
/// A staff account (table <c>identity_staff</c>). <see cref="Role"/> is a built-in role's key or a custom role's id.
/// The TOTP secret is kept encrypted (<see cref="SecretBox"/>); recovery codes as SHA-256 hashes, each used once.
/// </summary>
internal sealed class StaffMember
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string EmailKey { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public StaffStatus Status { get; set; }
    public string? PasswordHash { get; set; }
    /// <summary>Changes when an invitation is sent, so only the latest invitation link works.</summary>
    public DateTimeOffset InvitedAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    /// <summary>The secret being enrolled, until a code from it confirms it.</summary>
    public string? TotpPending { get; set; }
    public string? TotpSecret { get; set; }
    public DateTimeOffset? TotpEnabledAt { get; set; }
    /// <summary>The last TOTP step accepted: a code of that step or an earlier one is refused (no replay).</summary>
    public long TotpLastStep { get; set; }
    public List<string> RecoveryCodes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
