using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Identity.Staff;

/// <summary>
/// What a staff member may do now: active, and the permissions of their role (read at each request, so a change of role
/// or a disabled account takes effect at once). None while the store requires MFA, they have not enrolled TOTP and
/// this sign-in did not prove two factors otherwise (a passkey that verified its user) (<see cref="MustEnrolMfa"/>):
/// they may then only reach their own account's endpoints, to enrol.
/// </summary>
internal sealed record StaffGrant(Guid Id, string Name, string Role, IReadOnlyList<string> Permissions, bool MustEnrolMfa);

internal sealed class StaffDirectory(RunnerDbContext db)
{
    public async Task<StaffGrant?> GrantAsync(Guid staffId, bool multiFactorSignIn, CancellationToken ct)
    {
        var member = await db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == staffId && s.Status == StaffStatus.Active)
            .Select(s => new { s.Id, s.Name, s.Role, Mfa = s.TotpEnabledAt != null }).FirstOrDefaultAsync(ct);
        if (member is null) return null;
        if (!member.Mfa && !multiFactorSignIn && await SecuritySettings.RequireStaffMfaAsync(db, ct)) return new StaffGrant(member.Id, member.Name, member.Role, [], true);
        return new StaffGrant(member.Id, member.Name, member.Role, await PermissionsOfAsync(member.Role, ct) ?? [], false);
    }

    /// <summary>The permissions of a built-in role's key or a custom role's id; null when there is no such role.</summary>
    public async Task<IReadOnlyList<string>?> PermissionsOfAsync(string role, CancellationToken ct)
    {
        if (BuiltInRoles.Find(role) is { } builtIn) return builtIn.Permissions;
        if (!Guid.TryParse(role, out var id)) return null;
        return await db.Set<CustomRole>().AsNoTracking().Where(r => r.Id == id).Select(r => r.Permissions).FirstOrDefaultAsync(ct);
    }
}
