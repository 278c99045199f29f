using Runner.Identity.Sessions;

namespace Runner.Identity.Passkeys;

/// <summary>
/// A WebAuthn credential of a customer or a staff member (table <c>identity_passkeys</c>): the authenticator keeps the
/// private key, Runner its public key (COSE) and the signature counter it last saw. A credential id is registered once
/// across the store. <see cref="RelyingPartyId"/> is the domain it was made for: a sign-in on another one cannot use it.
/// </summary>
internal sealed class Passkey
{
    public Guid Id { get; set; }
    public SessionKind Kind { get; set; }
    /// <summary>The customer's id or the staff member's.</summary>
    public Guid SubjectId { get; set; }
    public required byte[] CredentialId { get; set; }
    public required byte[] PublicKey { get; set; }
    /// <summary>The authenticator's signature counter at its last use (0 when the authenticator keeps none).</summary>
    public long SignCount { get; set; }
    /// <summary>The WebAuthn user handle the credential was made with (the subject id's bytes; no personal data).</summary>
    public required byte[] UserHandle { get; set; }
    public Guid AaGuid { get; set; }
    public List<string> Transports { get; set; } = [];
    public bool BackupEligible { get; set; }
    public bool BackedUp { get; set; }
    /// <summary>What the person calls it ("Phone", "YubiKey").</summary>
    public required string Name { get; set; }
    public required string RelyingPartyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>
/// A passkey challenge that was answered (table <c>identity_passkey_challenges</c>): its SHA-256, kept until the
/// challenge would have expired anyway, so each challenge is used once however many host processes see it.
/// </summary>
internal sealed class UsedPasskeyChallenge
{
    public required byte[] ChallengeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A passkey as its owner sees it.</summary>
public sealed record PasskeyView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool BackedUp);

/// <summary>Options for the browser's <c>navigator.credentials.create/get</c>, and the id of the challenge to answer with.</summary>
public sealed record PasskeyOptionsResponse(string ChallengeId, System.Text.Json.JsonElement PublicKey);

public sealed record PasskeyRegistrationRequest(string? ChallengeId = null, System.Text.Json.JsonElement? Credential = null, string? Name = null);

/// <summary><c>useCookie</c>: keep the sign-in in a secure cookie (pages served by Runner) instead of answering tokens.</summary>
public sealed record PasskeySignInRequest(string? ChallengeId = null, System.Text.Json.JsonElement? Credential = null, bool UseCookie = false)
    : Sessions.ICookieSignIn;
