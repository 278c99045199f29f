using System.Security.Cryptography;
using System.Text;

namespace Runner.Payments.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com): <c>webhook-signature</c> holds space-separated
/// <c>v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c> entries (several during a secret rotation; other versions
/// are ignored); the secret is base64, optionally prefixed <c>whsec_</c>; the timestamp (Unix seconds) must be within
/// <see cref="Tolerance"/> of now either way.
/// </summary>
internal static class WebhookSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool IsValidSecret(string? secret) => KeyOf(secret) is { Length: >= 24 and <= 64 };

    public static byte[]? KeyOf(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return null;
        var text = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret;
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException("The secret is not base64.", nameof(secret));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    /// <summary>Null when the request is authentic and fresh; otherwise why not.</summary>
    public static string? Verify(string secret, string? id, string? timestamp, string? signatures, string body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return "The webhook-id, webhook-timestamp and webhook-signature headers are required.";
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return "webhook-timestamp must be Unix seconds.";
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (sent < now - Tolerance || sent > now + Tolerance) return "The webhook's timestamp is outside the 5 minute tolerance.";
        var expected = Convert.FromBase64String(Sign(secret, id, seconds, body)[3..]);
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            byte[] given;
            try { given = Convert.FromBase64String(entry[3..]); }
            catch (FormatException) { continue; }
            if (CryptographicOperations.FixedTimeEquals(given, expected)) return null;
        }
        return "No valid v1 signature.";
    }
}
