using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Identity.Staff;

public sealed record RoleRequest(string? Name = null, IReadOnlyList<string>? Permissions = null);

/// <summary>A role: a built-in one (<see cref="Key"/> is its key, <see cref="BuiltIn"/> true) or the store's own (its id).</summary>
public sealed record RoleResponse(string Key, string Name, string? Description, IReadOnlyList<string> Permissions, bool BuiltIn);

/// <summary><c>/admin/roles</c>: the built-in roles and the store's own, which it creates, changes and deletes (not while assigned).</summary>
internal static class RoleEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var roles = app.MapGroup("/admin/roles").WithTags("Staff");
        roles.MapGet("/", List).RequirePermission(Permissions.StaffRead).WithName("ListRoles").WithSummary("Built-in and custom roles with their permissions");
        roles.MapPost("/", Create).RequirePermission(Permissions.StaffWrite).WithName("CreateRole").ProducesValidationProblem();
        roles.MapPatch("/{id:guid}", Update).RequirePermission(Permissions.StaffWrite).WithName("UpdateRole").ProducesValidationProblem();
        roles.MapDelete("/{id:guid}", Delete).RequirePermission(Permissions.StaffWrite).WithName("DeleteRole").ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<IReadOnlyList<RoleResponse>>> List(RunnerDbContext db, CancellationToken ct)
    {
        var custom = await db.Set<CustomRole>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<RoleResponse>>([.. BuiltInRoles.All.Select(r => new RoleResponse(r.Key, r.Name, r.Description, r.Permissions, true)),
            .. custom.Select(ToResponse)]);
    }

    internal static async Task<Results<Created<RoleResponse>, ProblemHttpResult>> Create(RoleRequest? body, RunnerDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (Validate(body, creating: true) is { } invalid) return Problems.Of(invalid);
        var now = Instants.Now(clock);
        var role = new CustomRole { Id = Guid.CreateVersion7(now), Name = body!.Name!.Trim(), Permissions = [.. body.Permissions!.Distinct()], CreatedAt = now, UpdatedAt = now };
        db.Add(role);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/roles/{role.Id}", ToResponse(role));
    }

    internal static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> Update(Guid id, RoleRequest? body, RunnerDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (Validate(body, creating: false) is { } invalid) return Problems.Of(invalid);
        var role = await db.Set<CustomRole>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return Problems.Of(NotFound());
        if (body!.Name is { } name) role.Name = name.Trim();
        if (body.Permissions is { } permissions) role.Permissions = [.. permissions.Distinct()];
        role.UpdatedAt = Instants.Now(clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(role));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, RunnerDbContext db, CancellationToken ct)
    {
        var key = id.ToString();
        if (await db.Set<StaffMember>().AnyAsync(s => s.Role == key && s.Status != StaffStatus.Disabled, ct))
            return Problems.Of(Error.Conflict("roles.in_use", "Staff members hold this role: give them another role first."));
        return await db.Set<CustomRole>().Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0 ? Problems.Of(NotFound()) : TypedResults.NoContent();
    }

    private static Error? Validate(RoleRequest? body, bool creating)
    {
        var v = new Validator();
        if (creating || body?.Name is not null) v.Required("name", body?.Name, 100);
        if (creating && body?.Permissions is null) v.Add("permissions", "validation.required", "permissions is required (a list, may be empty).");
        foreach (var p in body?.Permissions ?? [])
            if (p == Permissions.All || !Permissions.IsKnown(p))
                v.Add("permissions", "roles.unknown_permission", $"'{p}' is not a permission a custom role may hold. Known: {string.Join(", ", Permissions.Every)}.");
        return v.IsValid ? null : v.ToError();
    }

    private static RoleResponse ToResponse(CustomRole r) => new(r.Id.ToString(), r.Name, null, r.Permissions, false);

    private static Error NotFound() => Error.NotFound("roles.not_found", "No custom role has this id.");
}
