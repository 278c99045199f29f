using System.Security.Cryptography;
using System.Text;
using Runner.Identity.Sessions;
using Runner.Kernel.Data;

namespace Runner.Identity.Security;

/// <summary>
/// Short signed tokens for links and steps (email verification, staff invitation, the MFA step): dot-separated fields
/// and an HMAC-SHA256 over them, under a key kept in the database (<see cref="SharedSecrets"/>) so every host process
/// signs and checks alike. A token may be bound to a value it does not carry (an invitation to the time it was sent):
/// it then checks only while that value is unchanged.
/// </summary>
internal sealed class SignedTokens(RunnerDbContext db, SharedSecrets secrets)
{
    public async Task<string> SignAsync(string keyName, string fields, string bound, CancellationToken ct) =>
        fields + "." + SessionTokens.Base64Url(await MacAsync(keyName, fields, bound, ct));

    /// <summary>The <paramref name="count"/> fields before the signature, or null when the token is not shaped so (not yet checked).</summary>
    public static string[]? Fields(string? token, int count)
    {
        var parts = token is { Length: <= 1000 } ? token.Split('.') : null;
        return parts?.Length == count + 1 ? parts[..count] : null;
    }

    /// <summary>Whether the signature of <paramref name="token"/> holds for its fields and <paramref name="bound"/>.</summary>
    public async Task<bool> VerifyAsync(string keyName, string token, string bound, CancellationToken ct)
    {
        var dot = token.LastIndexOf('.');
        if (dot <= 0 || SessionTokens.FromBase64Url(token[(dot + 1)..]) is not { } signature) return false;
        var expected = await MacAsync(keyName, token[..dot], bound, ct);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    private async Task<byte[]> MacAsync(string keyName, string fields, string bound, CancellationToken ct) =>
        HMACSHA256.HashData(await secrets.GetAsync(db, keyName, ct), Encoding.UTF8.GetBytes(fields + "\n" + bound));
}
