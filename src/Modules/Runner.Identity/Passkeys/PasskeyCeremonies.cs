using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Identity.Passkeys;

/// <summary>Whom a passkey is made for: the WebAuthn user (id, account name, display name).</summary>
internal sealed record PasskeySubject(Guid Id, string Name, string DisplayName);

/// <summary>
/// The two WebAuthn ceremonies, shared by customers and staff, checked by the Fido2 library. A challenge travels as a
/// signed token (<see cref="SignedTokens"/>, bound to the relying-party id, the ceremony, the kind and, when
/// registering, the person) that expires after <see cref="ChallengeLifetime"/>; answering it records its hash
/// (<see cref="UsedPasskeyChallenge"/>) in the same transaction as what it does, so a challenge works once. Asking for
/// options writes nothing. Registration prefers user verification and asks for a discoverable credential (sign-in needs
/// no email); sign-in always checks user presence and refuses a signature counter that did not move forward.
/// </summary>
internal sealed class PasskeyCeremonies(RunnerDbContext db, SignedTokens signer, TimeProvider clock)
{
    public const string KeyName = "identity_passkey_challenge_key";
    public const int MaxNameLength = 100;
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);
    private const string Create = "create", Get = "get";

    public async Task<PasskeyOptionsResponse> RegistrationOptionsAsync(SessionKind kind, PasskeySubject subject, RelyingParty rp, CancellationToken ct)
    {
        var existing = await db.Set<Passkey>().AsNoTracking().Where(p => p.Kind == kind && p.SubjectId == subject.Id).Select(p => p.CredentialId)
            .ToListAsync(ct);
        var options = CreationOptions(rp, subject, RandomNumberGenerator.GetBytes(32), [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))]);
        return new(await ChallengeIdAsync(kind, Create, subject.Id, options.Challenge, rp, ct), ToElement(options.ToJson()));
    }

    /// <summary>Checks an attestation and stores the new passkey (its own transaction).</summary>
    public async Task<(Passkey? Passkey, Error? Error)> RegisterAsync(SessionKind kind, PasskeySubject subject, RelyingParty rp,
        PasskeyRegistrationRequest? body, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(body?.Name) ? "Passkey" : body.Name.Trim();
        if (name.Length > MaxNameLength) return (null, Error.Invalid("name", "validation.too_long", $"name is at most {MaxNameLength} characters."));
        if (await ChallengeOfAsync(kind, Create, subject.Id, rp, body?.ChallengeId, ct) is not { } challenge) return (null, InvalidChallenge);
        if (Parse<AuthenticatorAttestationRawResponse>(body?.Credential) is not { RawId.Length: > 0, Response: not null } raw)
            return (null, InvalidCredential("credential is not a WebAuthn attestation (the JSON of PublicKeyCredential.toJSON())."));
        RegisteredPublicKeyCredential made;
        try
        {
            made = await Fido(rp).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw, OriginalOptions = CreationOptions(rp, subject, challenge, []),
                IsCredentialIdUniqueToUserCallback = async (p, c) => !await db.Set<Passkey>().AnyAsync(x => x.CredentialId == p.CredentialId, c),
            }, ct);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.NonUniqueCredentialId)
        {
            return (null, AlreadyRegistered);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return (null, InvalidCredential(e.Message));
        }
        var now = Instants.Now(clock);
        var passkey = new Passkey
        {
            Id = Guid.CreateVersion7(now), Kind = kind, SubjectId = subject.Id, CredentialId = made.Id, PublicKey = made.PublicKey, SignCount = made.SignCount,
            UserHandle = made.User.Id, AaGuid = made.AaGuid, Transports = [.. (made.Transports ?? []).Select(t => t.ToString().ToLowerInvariant())],
            BackupEligible = made.IsBackupEligible, BackedUp = made.IsBackedUp, Name = name, RelyingPartyId = rp.Id, CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await UseChallengeAsync(challenge, ct)) return (null, InvalidChallenge);
        db.Add(passkey);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return (null, AlreadyRegistered); // the same credential registered a moment ago by another request
        }
        await transaction.CommitAsync(ct);
        return (passkey, null);
    }

    public async Task<PasskeyOptionsResponse> SignInOptionsAsync(SessionKind kind, RelyingParty rp, CancellationToken ct)
    {
        var options = AssertionOptions.Create(Config(rp), RandomNumberGenerator.GetBytes(32), [], UserVerificationRequirement.Preferred, null);
        return new(await ChallengeIdAsync(kind, Get, null, options.Challenge, rp, ct), ToElement(options.ToJson()));
    }

    /// <summary>
    /// Checks an assertion of a <paramref name="kind"/> passkey made for <paramref name="rp"/>, uses the challenge up and
    /// moves the passkey's counter, in the caller's transaction: the passkey and whether the person was verified.
    /// </summary>
    public async Task<(Passkey? Passkey, bool UserVerified, Error? Error)> SignInAsync(SessionKind kind, RelyingParty rp, PasskeySignInRequest? body,
        CancellationToken ct)
    {
        if (await ChallengeOfAsync(kind, Get, null, rp, body?.ChallengeId, ct) is not { } challenge
            || Parse<AuthenticatorAssertionRawResponse>(body?.Credential) is not { RawId.Length: > 0, Response.AuthenticatorData.Length: > 32 } raw)
            return (null, false, SignInFailed);
        var passkey = await db.Set<Passkey>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.CredentialId == raw.RawId && p.Kind == kind && p.RelyingPartyId == rp.Id, ct);
        if (passkey is null) return (null, false, SignInFailed);
        VerifyAssertionResult result;
        try
        {
            result = await Fido(rp).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = raw, StoredPublicKey = passkey.PublicKey, StoredSignatureCounter = (uint)passkey.SignCount,
                OriginalOptions = AssertionOptions.Create(Config(rp), challenge, [], UserVerificationRequirement.Preferred, null),
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(passkey.UserHandle)),
            }, ct);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.InvalidSignCount)
        {
            return (null, false, ClonedAuthenticator);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return (null, false, SignInFailed);
        }
        if (!await UseChallengeAsync(challenge, ct)) return (null, false, SignInFailed);
        var now = Instants.Now(clock);
        var moved = await db.Set<Passkey>().Where(p => p.Id == passkey.Id && p.SignCount == passkey.SignCount)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SignCount, (long)result.SignCount).SetProperty(p => p.LastUsedAt, now)
                .SetProperty(p => p.BackedUp, result.IsBackedUp), ct);
        if (moved != 1) return (null, false, SignInFailed);
        // Flags byte of authenticatorData (after the 32-byte rpIdHash): 0x04 is UV, user verified.
        return (passkey, (raw.Response.AuthenticatorData[32] & 0x04) != 0, null);
    }

    private static Fido2 Fido(RelyingParty rp) => new(Config(rp), null!);

    private static Fido2Configuration Config(RelyingParty rp) => new()
    {
        RPID = rp.Id, RPName = rp.Name, Origins = rp.Origins, ChallengeSize = 32, Timeout = (uint)ChallengeLifetime.TotalMilliseconds,
    };

    private static CredentialCreateOptions CreationOptions(RelyingParty rp, PasskeySubject subject, byte[] challenge,
        IReadOnlyList<PublicKeyCredentialDescriptor> exclude) =>
        CredentialCreateOptions.Create(Config(rp), challenge, new Fido2User { Id = subject.Id.ToByteArray(), Name = subject.Name, DisplayName = subject.DisplayName },
            new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Preferred },
            AttestationConveyancePreference.None, exclude, null, PubKeyCredParam.Defaults);

    private Task<string> ChallengeIdAsync(SessionKind kind, string ceremony, Guid? subject, byte[] challenge, RelyingParty rp, CancellationToken ct) =>
        signer.SignAsync(KeyName, $"pk.{kind}.{ceremony}.{subject?.ToString("N") ?? "-"}.{SessionTokens.Base64Url(challenge)}."
            + (clock.GetUtcNow() + ChallengeLifetime).ToUnixTimeSeconds(), rp.Id, ct);

    /// <summary>The challenge of a token signed for this ceremony, kind, person and relying party that has not expired; else null.</summary>
    private async Task<byte[]?> ChallengeOfAsync(SessionKind kind, string ceremony, Guid? subject, RelyingParty rp, string? token, CancellationToken ct) =>
        SignedTokens.Fields(token, 6) is { } f && f[0] == "pk" && f[1] == kind.ToString() && f[2] == ceremony && f[3] == (subject?.ToString("N") ?? "-")
        && long.TryParse(f[5], out var expires) && DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow()
        && await signer.VerifyAsync(KeyName, token!, rp.Id, ct) ? SessionTokens.FromBase64Url(f[4]) : null;

    /// <summary>Records the challenge as answered: false when it was already (one conditional insert, so two racing answers cannot both pass).</summary>
    private async Task<bool> UseChallengeAsync(byte[] challenge, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO identity_passkey_challenges (challenge_hash, expires_at) VALUES ({0}, {1})
            ON CONFLICT (challenge_hash) DO NOTHING
            """, [SHA256.HashData(challenge), Sql.Time(db.Provider(), Instants.Now(clock) + ChallengeLifetime)], ct) == 1;

    private static T? Parse<T>(JsonElement? json) where T : class
    {
        if (json is not { ValueKind: JsonValueKind.Object } element) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(element.GetRawText());
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonElement ToElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>What the library throws on a credential that does not hold (malformed CBOR, JSON or keys included).</summary>
    private static bool IsRefusal(Exception e) => e is Fido2VerificationException or System.Formats.Cbor.CborContentException or JsonException
        or FormatException or ArgumentException or InvalidOperationException or CryptographicException or OverflowException;

    private static Error InvalidCredential(string message) => Error.Invalid("credential", "passkeys.invalid_credential", message);

    internal static readonly Error InvalidChallenge = Error.Invalid("challengeId", "passkeys.invalid_challenge",
        "This passkey challenge is not valid: it expired, was used, or was made for another site. Ask for new options.");

    internal static readonly Error AlreadyRegistered = Error.Conflict("passkeys.already_registered", "This passkey is registered already.");

    internal static readonly Error SignInFailed = new("passkeys.sign_in_failed",
        "The passkey sign-in did not succeed. Ask for new options and try again, or sign in another way.", ErrorKind.Unauthorized);

    internal static readonly Error ClonedAuthenticator = new("passkeys.cloned_authenticator",
        "This passkey's signature counter went backwards, so the authenticator may have been copied: it is refused. Sign in another way.",
        ErrorKind.Unauthorized);
}
