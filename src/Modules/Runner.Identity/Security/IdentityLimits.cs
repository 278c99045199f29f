namespace Runner.Identity.Security;

/// <summary>
/// Limits on the sign-in and registration endpoints (<c>Runner:Identity:Limits</c>), counted per fixed window in the
/// database. A limit reached answers 429 with <c>Retry-After</c> until its window ends.
/// </summary>
public sealed class IdentityLimits
{
    /// <summary>The length of a counting window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Sign-in attempts (right or wrong) from one IP address per window.</summary>
    public int SignInsPerIp { get; set; } = 50;
    /// <summary>Failed sign-ins for one email per window; then the email is locked out until the window ends.</summary>
    public int FailuresPerEmail { get; set; } = 5;
    /// <summary>Registrations from one IP address per window.</summary>
    public int RegistrationsPerIp { get; set; } = 20;
}
