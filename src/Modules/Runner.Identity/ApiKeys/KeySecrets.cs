using System.Security.Cryptography;
using System.Text;

namespace Runner.Identity.ApiKeys;

/// <summary>Makes, parses and checks API key strings: <c>rk_</c> (secret) or <c>pk_</c> (publishable), a lookup and a secret.</summary>
internal static class KeySecrets
{
    public const string SecretPrefix = "rk_";
    public const string PublishablePrefix = "pk_";
    public const int LookupLength = 8;
    public const int MinLength = 3 + LookupLength + 16;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate(ApiKeyKind kind) =>
        (kind == ApiKeyKind.Secret ? SecretPrefix : PublishablePrefix) + RandomNumberGenerator.GetString(Alphabet, LookupLength + 32);

    public static string Prefix(ApiKeyKind kind) => kind == ApiKeyKind.Secret ? SecretPrefix : PublishablePrefix;

    /// <summary>Whether <paramref name="key"/> has the shape of a key of this kind (so a typo fails fast, without a query).</summary>
    public static bool IsWellFormed(string? key, ApiKeyKind kind) =>
        key is not null && key.Length is >= MinLength and <= 200 && key.StartsWith(Prefix(kind), StringComparison.Ordinal)
        && key.AsSpan(3).IndexOfAnyExcept(Alphabet) < 0;

    public static string LookupOf(string key) => key.Substring(3, LookupLength);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(string key, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);
}
