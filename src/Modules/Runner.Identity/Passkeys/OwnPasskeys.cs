using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Identity.Passkeys;

/// <summary>What customers and staff do alike with passkeys: ask for options, register one, list and remove their own.</summary>
internal static class OwnPasskeys
{
    public static PasskeyView ToView(Passkey p) => new(p.Id, p.Name, p.CreatedAt, p.LastUsedAt, p.BackedUp);

    /// <summary>The signed-in customer's or staff member's id.</summary>
    public static Guid SubjectOf(HttpContext http) => Guid.Parse(ActorClaims.From(http.User)!.Id);

    public static async Task<Ok<List<PasskeyView>>> ListAsync(RunnerDbContext db, SessionKind kind, Guid subjectId, CancellationToken ct)
    {
        var passkeys = await db.Set<Passkey>().AsNoTracking().Where(p => p.Kind == kind && p.SubjectId == subjectId).OrderBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(passkeys.Select(ToView).ToList());
    }

    /// <summary>Removes one of the person's own passkeys; another's answers 404 as an unknown id does.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(RunnerDbContext db, SessionKind kind, Guid subjectId, Guid id,
        CancellationToken ct)
    {
        var deleted = await db.Set<Passkey>().Where(p => p.Id == id && p.Kind == kind && p.SubjectId == subjectId).ExecuteDeleteAsync(ct);
        return deleted == 1 ? TypedResults.NoContent() : Problems.Of(Error.NotFound("passkeys.not_found", "There is no such passkey on this account."));
    }

    /// <summary>Options of a ceremony at the relying party <paramref name="party"/> names, or why there is none (422).</summary>
    public static async Task<Results<Ok<PasskeyOptionsResponse>, ProblemHttpResult>> OptionsAsync(Task<(RelyingParty? Party, Error? Error)> party,
        Func<RelyingParty, Task<PasskeyOptionsResponse>> options)
    {
        var (rp, error) = await party;
        return rp is null ? Problems.Of(error!) : TypedResults.Ok(await options(rp));
    }

    /// <summary>Registers the passkey answering a creation challenge: 201 with it under <paramref name="list"/>.</summary>
    public static async Task<Results<Created<PasskeyView>, ProblemHttpResult>> RegisterAsync(PasskeyRegistrationRequest? body, SessionKind kind,
        Func<Task<(RelyingParty? Party, Error? Error)>> party, Func<Task<PasskeySubject>> subject, PasskeyCeremonies ceremonies, string list,
        CancellationToken ct)
    {
        if (Missing(body?.ChallengeId, body?.Credential) is { } missing) return Problems.Of(missing);
        var (rp, error) = await party();
        if (rp is null) return Problems.Of(error!);
        var (passkey, refused) = await ceremonies.RegisterAsync(kind, await subject(), rp, body, ct);
        return passkey is null ? Problems.Of(refused!) : TypedResults.Created($"{list}/{passkey.Id}", ToView(passkey));
    }

    /// <summary>
    /// A passkey sign-in: checks the answer within the per-IP limit (counted outside the transaction, so a refusal still
    /// counts), then in one transaction uses the challenge, moves the counter and lets <paramref name="answer"/> sign the
    /// person in; <paramref name="answer"/> answers null when they may no longer sign in, and nothing is kept.
    /// </summary>
    public static async Task<Results<Ok<T>, NoContent, ProblemHttpResult>> SignInAsync<T>(PasskeySignInRequest? body, SessionKind kind, HttpContext http,
        RunnerDbContext db, Func<Task<(RelyingParty? Party, Error? Error)>> party, PasskeyCeremonies ceremonies, Attempts attempts, int limit,
        Func<Passkey, bool, Task<T?>> answer, CancellationToken ct) where T : class
    {
        if (Missing(body?.ChallengeId, body?.Credential) is { } missing) return Problems.Of(missing);
        if (await attempts.CountAndCheckAsync(Attempts.SignInIp, SignInEndpoints.IpOf(http), limit, ct) is { } busy) return SignInEndpoints.TooMany(http, busy);
        var (rp, error) = await party();
        if (rp is null) return Problems.Of(error!);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (passkey, verified, failed) = await ceremonies.SignInAsync(kind, rp, body, ct);
        if (passkey is null) return Problems.Of(failed!);
        if (await answer(passkey, verified) is not { } answered) return Problems.Of(PasskeyCeremonies.SignInFailed);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TokensOf(answered) is { } issued && await SessionCookies.KeepAsync(http, kind, issued, body!.UseCookie)
            ? TypedResults.NoContent() : TypedResults.Ok(answered);
    }

    /// <summary>The tokens a sign-in answered (none when a staff member's TOTP step is still to come).</summary>
    private static TokenResponse? TokensOf(object answered) => answered switch
    {
        TokenResponse tokens => tokens,
        Staff.StaffSignInResponse staff => staff.Tokens,
        _ => null,
    };

    /// <summary>A 400 when a ceremony's answer lacks its challenge id or credential (before anything is counted or written).</summary>
    public static Error? Missing(string? challengeId, System.Text.Json.JsonElement? credential)
    {
        var v = new Validator();
        v.Required("challengeId", challengeId, 1000);
        if (credential is not { ValueKind: System.Text.Json.JsonValueKind.Object })
            v.Add("credential", "validation.required", "credential is required: the JSON of the PublicKeyCredential.");
        return v.IsValid ? null : v.ToError();
    }
}
