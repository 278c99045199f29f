using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Email;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Identity.Staff;

public sealed record InviteStaffRequest(string? Email = null, string? Name = null, string? Role = null);

public sealed record UpdateStaffRequest(string? Name = null, string? Role = null);

public sealed record StaffResponse(Guid Id, string Email, string Name, string Role, StaffStatus Status, bool MfaEnabled,
    DateTimeOffset InvitedAt, DateTimeOffset? ActivatedAt, DateTimeOffset CreatedAt);

/// <summary>Staff settings (<c>Runner:Identity</c>).</summary>
public sealed class StaffOptions
{
    /// <summary>The dashboard page of an invitation link; <c>{token}</c> is filled in, and the page posts it with a password to
    /// <c>POST /admin/auth/invitation/accept</c>. A relative URL is made absolute with <c>Runner:PublicUrl</c>.</summary>
    public string InvitationUrl { get; set; } = "/dashboard/accept-invitation?token={token}";
}

/// <summary>
/// <c>/admin/staff</c>: invite (an email with a link that sets the password), list, read, change name or role, disable
/// and enable. Only an Owner makes or unmakes Owners; nobody disables or demotes the last active Owner.
/// </summary>
internal static class StaffEndpoints
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public const string InvitationKey = "identity_invitation_key";

    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/admin/staff").WithTags("Staff");
        staff.MapGet("/", List).RequirePermission(Permissions.StaffRead).WithName("ListStaff").WithSummary("Staff accounts");
        staff.MapGet("/{id:guid}", Get).RequirePermission(Permissions.StaffRead).WithName("GetStaff").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/", Invite).RequirePermission(Permissions.StaffWrite).WithName("InviteStaff")
            .WithSummary("Invite a staff member by email with a role").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:guid}/invitation", Resend).RequirePermission(Permissions.StaffWrite).WithName("ResendStaffInvitation")
            .WithSummary("Send an invited staff member a new invitation; earlier links stop working").ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPatch("/{id:guid}", Update).RequirePermission(Permissions.StaffWrite).WithName("UpdateStaff")
            .WithSummary("Change a staff member's name or role").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/{id:guid}/disable", Disable).RequirePermission(Permissions.StaffWrite).WithName("DisableStaff")
            .WithSummary("Disable a staff account; its sign-ins end at once");
        staff.MapPost("/{id:guid}/enable", Enable).RequirePermission(Permissions.StaffWrite).WithName("EnableStaff");
    }

    internal static async Task<Ok<IReadOnlyList<StaffResponse>>> List(RunnerDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<StaffResponse>>([.. (await db.Set<StaffMember>().AsNoTracking().OrderBy(s => s.EmailKey).ToListAsync(ct)).Select(ToResponse)]);

    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, CancellationToken ct) =>
        await db.Set<StaffMember>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s
            ? TypedResults.Ok(ToResponse(s)) : Problems.Of(NotFound());

    internal static async Task<Results<Created<StaffResponse>, ProblemHttpResult>> Invite(InviteStaffRequest? body, HttpContext http, RunnerDbContext db,
        StaffDirectory directory, SignedTokens signer, IEmailSender email, IStoreQueries store, IOptions<StaffOptions> options,
        IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        if (v.Required("email", body?.Email, 254)) v.Email("email", body!.Email);
        v.Required("name", body?.Name, 100);
        v.Required("role", body?.Role, 50);
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await directory.PermissionsOfAsync(body!.Role!, ct) is null) return Problems.Of(UnknownRole());
        if (body.Role == BuiltInRoles.Owner && !await IsOwnerAsync(http, db, ct)) return Problems.Of(OwnersOnly());
        var now = Instants.Now(clock);
        var member = new StaffMember
        {
            Id = Guid.CreateVersion7(now), Email = body.Email!.Trim(), EmailKey = body.Email.Trim().ToLowerInvariant(), Name = body.Name!.Trim(),
            Role = body.Role!, Status = StaffStatus.Invited, InvitedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Of(Error.Conflict("staff.email_taken", "A staff account has this email already."));
        }
        await SendInvitationAsync(member, signer, email, store, options, services, clock, ct);
        return TypedResults.Created($"/admin/staff/{member.Id}", ToResponse(member));
    }

    /// <summary>
    /// Sends an invited member a new invitation (the last one was lost, or expired); the links sent before stop working,
    /// since an invitation is bound to the time it was sent.
    /// </summary>
    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Resend(Guid id, HttpContext http, RunnerDbContext db,
        SignedTokens signer, IEmailSender email, IStoreQueries store, IOptions<StaffOptions> options, IServiceProvider services, TimeProvider clock,
        CancellationToken ct)
    {
        var member = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (member is null) return Problems.Of(NotFound());
        if (member.Status != StaffStatus.Invited)
            return Problems.Of(Error.Conflict("staff.not_invited", "This account has accepted its invitation (or is disabled): there is nothing to resend."));
        if (member.Role == BuiltInRoles.Owner && !await IsOwnerAsync(http, db, ct)) return Problems.Of(OwnersOnly());
        member.InvitedAt = member.UpdatedAt = Instants.Now(clock);
        await db.SaveChangesAsync(ct);
        await SendInvitationAsync(member, signer, email, store, options, services, clock, ct);
        return TypedResults.Ok(ToResponse(member));
    }

    private static async Task SendInvitationAsync(StaffMember member, SignedTokens signer, IEmailSender email, IStoreQueries store,
        IOptions<StaffOptions> options, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(ct);
        var url = PublicAddress.Absolute(services,
            options.Value.InvitationUrl.Replace("{token}", await InvitationTokenAsync(signer, member, clock, ct), StringComparison.Ordinal));
        await email.SendAsync(new EmailMessage(member.Email, $"You are invited to run {settings.Name}",
            $"{member.Name}, you are invited to {settings.Name}'s dashboard as {RoleName(member.Role)}.\n\nChoose your password here:\n{url}\n\n"
            + $"The link works once, for {(int)InvitationLifetime.TotalDays} days.\n"), ct);
    }

    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Update(Guid id, UpdateStaffRequest? body, HttpContext http,
        RunnerDbContext db, StaffDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        if (body?.Name is not null) v.Required("name", body.Name, 100);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var member = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (member is null) return Problems.Of(NotFound());
        if (body?.Role is { } role && role != member.Role)
        {
            if (await directory.PermissionsOfAsync(role, ct) is null) return Problems.Of(UnknownRole());
            if ((role == BuiltInRoles.Owner || member.Role == BuiltInRoles.Owner) && !await IsOwnerAsync(http, db, ct)) return Problems.Of(OwnersOnly());
            if (member.Role == BuiltInRoles.Owner && await LastOwnerAsync(db, member, ct)) return Problems.Of(LastOwner());
            member.Role = role;
        }
        if (body?.Name is { } name) member.Name = name.Trim();
        member.UpdatedAt = Instants.Now(clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(member));
    }

    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Disable(Guid id, HttpContext http, RunnerDbContext db,
        SessionTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        var member = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (member is null) return Problems.Of(NotFound());
        if (member.Role == BuiltInRoles.Owner && !await IsOwnerAsync(http, db, ct)) return Problems.Of(OwnersOnly());
        if (member.Role == BuiltInRoles.Owner && await LastOwnerAsync(db, member, ct)) return Problems.Of(LastOwner());
        member.Status = StaffStatus.Disabled;
        member.UpdatedAt = Instants.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllAsync(SessionKind.Staff, id, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ToResponse(member));
    }

    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Enable(Guid id, RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var member = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (member is null) return Problems.Of(NotFound());
        if (member.Status == StaffStatus.Disabled)
        {
            member.Status = member.PasswordHash is null ? StaffStatus.Invited : StaffStatus.Active;
            member.UpdatedAt = Instants.Now(clock);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToResponse(member));
    }

    /// <summary>The invitation token (<see cref="SignedTokens"/>): the staff id and an expiry, bound to the invitation's time.</summary>
    internal static Task<string> InvitationTokenAsync(SignedTokens signer, StaffMember member, TimeProvider clock, CancellationToken ct) =>
        signer.SignAsync(InvitationKey, $"{member.Id:N}.{(clock.GetUtcNow() + InvitationLifetime).ToUnixTimeSeconds()}", Bound(member), ct);

    /// <summary>The staff member an invitation token names, when it is signed, unexpired and the latest invitation; else null.</summary>
    internal static async Task<StaffMember?> CheckInvitationAsync(RunnerDbContext db, SignedTokens signer, string? token, TimeProvider clock,
        CancellationToken ct)
    {
        if (SignedTokens.Fields(token, 2) is not { } parts || !Guid.TryParseExact(parts[0], "N", out var id) || !long.TryParse(parts[1], out var expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.GetUtcNow())
            return null;
        var member = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id && s.Status == StaffStatus.Invited, ct);
        return member is not null && await signer.VerifyAsync(InvitationKey, token!, Bound(member), ct) ? member : null;
    }

    private static string Bound(StaffMember member) => member.InvitedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the caller is an Owner: a staff member with that role, or the bootstrap key. Another key holding every
    /// permission is not (an Admin may make one, and must not reach ownership through it).
    /// </summary>
    private static async Task<bool> IsOwnerAsync(HttpContext http, RunnerDbContext db, CancellationToken ct)
    {
        var actor = ActorClaims.From(http.User);
        if (actor?.Kind == ActorKind.ApiKey) return http.User.HasClaim(Authentication.VerifiedKey.BootstrapClaim, "true");
        return actor?.Kind == ActorKind.Staff && Guid.TryParse(actor.Id, out var id)
            && await db.Set<StaffMember>().AnyAsync(s => s.Id == id && s.Role == BuiltInRoles.Owner && s.Status == StaffStatus.Active, ct);
    }

    private static async Task<bool> LastOwnerAsync(RunnerDbContext db, StaffMember member, CancellationToken ct) =>
        member.Status == StaffStatus.Active
        && !await db.Set<StaffMember>().AnyAsync(s => s.Id != member.Id && s.Role == BuiltInRoles.Owner && s.Status == StaffStatus.Active, ct);

    private static string RoleName(string role) => BuiltInRoles.Find(role)?.Name ?? "a member of the team";

    internal static StaffResponse ToResponse(StaffMember s) =>
        new(s.Id, s.Email, s.Name, s.Role, s.Status, s.TotpEnabledAt is not null, s.InvitedAt, s.ActivatedAt, s.CreatedAt);

    private static Error NotFound() => Error.NotFound("staff.not_found", "No staff account has this id.");

    private static Error UnknownRole() => Error.Invalid("role", "staff.unknown_role",
        "No role has this key or id: use a built-in role (owner, admin, operations, support, marketing, analyst) or a custom role's id.");

    private static Error OwnersOnly() => new("staff.owners_only", "Only an Owner may make or change an Owner.", ErrorKind.Forbidden);

    private static Error LastOwner() => Error.Conflict("staff.last_owner", "The store's last active Owner stays an Owner: make another Owner first.");
}
