using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Identity.Staff;

/// <summary>The store's security settings (table <c>identity_settings</c>, one row).</summary>
internal sealed class SecuritySettingsRow
{
    public int Id { get; set; } = 1;
    /// <summary>When set, a staff member without TOTP may only enrol it: their sign-in grants no permission until then.</summary>
    public bool RequireStaffMfa { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record SecuritySettingsView(bool RequireStaffMfa);

public sealed record SecuritySettingsPatch(bool? RequireStaffMfa = null);

/// <summary><c>GET/PATCH /admin/settings/security</c>: whether every staff member must use TOTP.</summary>
internal static class SecuritySettings
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/settings/security").WithTags("Settings");
        group.MapGet("/", Get).RequirePermission(Permissions.SettingsRead).WithName("GetSecuritySettings")
            .WithSummary("Whether staff must use two-factor sign-in (TOTP)");
        group.MapPatch("/", Update).RequirePermission(Permissions.SettingsWrite).WithName("UpdateSecuritySettings")
            .WithSummary("Require TOTP for every staff member: those without it may only enrol until they do");
    }

    public static async Task<bool> RequireStaffMfaAsync(RunnerDbContext db, CancellationToken ct) =>
        await db.Set<SecuritySettingsRow>().AsNoTracking().Where(s => s.Id == 1).Select(s => s.RequireStaffMfa).FirstOrDefaultAsync(ct);

    internal static async Task<Ok<SecuritySettingsView>> Get(RunnerDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new SecuritySettingsView(await RequireStaffMfaAsync(db, ct)));

    internal static async Task<Ok<SecuritySettingsView>> Update(SecuritySettingsPatch? body, RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.Set<SecuritySettingsRow>().FirstOrDefaultAsync(s => s.Id == 1, ct);
        if (row is null) db.Add(row = new SecuritySettingsRow());
        if (body?.RequireStaffMfa is { } require) row.RequireStaffMfa = require;
        row.UpdatedAt = Instants.Now(clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SecuritySettingsView(row.RequireStaffMfa));
    }
}
