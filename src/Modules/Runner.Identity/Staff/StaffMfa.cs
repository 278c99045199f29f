using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Identity.Staff;

public sealed record TotpEnrolment(string Secret, string OtpauthUri);

public sealed record TotpCodeRequest(string? Code = null);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// A staff member's own TOTP: <c>POST /admin/auth/mfa/totp</c> starts an enrolment (a new secret, its base32 and
/// <c>otpauth://</c> URI for the QR code; SHA-1, 6 digits, 30 s); <c>POST /admin/auth/mfa/totp/confirm</c> <c>{ code }</c>
/// turns it on and answers ten recovery codes, shown once; <c>POST /admin/auth/mfa/totp/disable</c> <c>{ code }</c> turns it
/// off. A code's time step is accepted once, so a code seen over a shoulder cannot be used again.
/// </summary>
internal static class StaffMfa
{
    public const int RecoveryCodeCount = 10;

    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/mfa/totp", Enrol).RequireStaff().WithName("StaffTotpEnrol").WithSummary("Start a TOTP enrolment: secret and otpauth URI");
        auth.MapPost("/mfa/totp/confirm", Confirm).RequireStaff().WithName("StaffTotpConfirm")
            .WithSummary("Turn TOTP on with a code from the new secret: the recovery codes, shown once").ProducesValidationProblem();
        auth.MapPost("/mfa/totp/disable", Disable).RequireStaff().WithName("StaffTotpDisable")
            .WithSummary("Turn TOTP off with a current code or a recovery code").ProducesValidationProblem();
    }

    internal static async Task<Ok<TotpEnrolment>> Enrol(HttpContext http, RunnerDbContext db, SecretBox box, IStoreQueries store, TimeProvider clock,
        CancellationToken ct)
    {
        var member = await CurrentAsync(http, db, ct);
        var secret = Totp.NewSecret();
        member.TotpPending = await box.SealAsync(secret, member.Id, ct);
        member.UpdatedAt = Instants.Now(clock);
        await db.SaveChangesAsync(ct);
        var settings = await store.GetSettingsAsync(ct);
        return TypedResults.Ok(new TotpEnrolment(Base32.Encode(secret), Totp.Uri(secret, settings.Name, member.Email)));
    }

    internal static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> Confirm(TotpCodeRequest? body, HttpContext http, RunnerDbContext db,
        SecretBox box, TimeProvider clock, CancellationToken ct)
    {
        var member = await CurrentAsync(http, db, ct);
        var now = Instants.Now(clock);
        if (await box.OpenAsync(member.TotpPending, member.Id, ct) is not { } secret)
            return Problems.Of(Error.Unprocessable("auth.no_totp_enrolment", "Start an enrolment first (POST /admin/auth/mfa/totp)."));
        if (Totp.Match(secret, body?.Code, now) is not { } step) return Problems.Of(WrongCode());
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        member.TotpSecret = member.TotpPending;
        member.TotpPending = null;
        member.TotpEnabledAt = now;
        member.TotpLastStep = step;
        member.RecoveryCodes = [.. codes.Select(HashCode)];
        member.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    internal static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Disable(TotpCodeRequest? body, HttpContext http, RunnerDbContext db,
        SecretBox box, TimeProvider clock, CancellationToken ct)
    {
        var member = await CurrentAsync(http, db, ct);
        if (member.TotpEnabledAt is null) return TypedResults.Ok(StaffEndpoints.ToResponse(member));
        db.Entry(member).State = EntityState.Detached;
        if (!await UseCodeAsync(db, box, member, body?.Code, clock, ct)) return Problems.Of(WrongCode());
        var now = Instants.Now(clock);
        await db.Set<StaffMember>().Where(s => s.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.TotpSecret, (string?)null)
            .SetProperty(x => x.TotpEnabledAt, (DateTimeOffset?)null).SetProperty(x => x.RecoveryCodes, new List<string>())
            .SetProperty(x => x.UpdatedAt, now), ct);
        return TypedResults.Ok(StaffEndpoints.ToResponse(await db.Set<StaffMember>().AsNoTracking().FirstAsync(s => s.Id == member.Id, ct)));
    }

    /// <summary>
    /// Uses a TOTP code (its step must be later than the last one accepted; one conditional update takes it) or a
    /// recovery code (removed from the list by a conditional update on the list as read): true when one was used now.
    /// </summary>
    internal static async Task<bool> UseCodeAsync(RunnerDbContext db, SecretBox box, StaffMember member, string? code, TimeProvider clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || member.TotpEnabledAt is null) return false;
        var now = Instants.Now(clock);
        if (await box.OpenAsync(member.TotpSecret, member.Id, ct) is { } secret && Totp.Match(secret, code, now) is { } step)
            return await db.Set<StaffMember>().Where(s => s.Id == member.Id && s.TotpLastStep < step)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TotpLastStep, step), ct) == 1;
        var hash = HashCode(code);
        if (!member.RecoveryCodes.Contains(hash)) return false;
        var seen = member.UpdatedAt;
        var remaining = member.RecoveryCodes.Where(c => c != hash).ToList();
        return await db.Set<StaffMember>().Where(s => s.Id == member.Id && s.UpdatedAt == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RecoveryCodes, remaining).SetProperty(x => x.UpdatedAt, now), ct) == 1;
    }

    private static async Task<StaffMember> CurrentAsync(HttpContext http, RunnerDbContext db, CancellationToken ct)
    {
        var id = Guid.Parse(ActorClaims.From(http.User)!.Id);
        return await db.Set<StaffMember>().FirstAsync(s => s.Id == id, ct);
    }

    /// <summary>Ten characters from an alphabet without look-alikes, shown as <c>xxxxx-xxxxx</c>.</summary>
    private static string NewRecoveryCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string HashCode(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal))));

    private static Error WrongCode() => Error.Invalid("code", "auth.invalid_mfa_code", "The code is not right, or was used already.");
}
