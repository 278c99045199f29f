using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Runner.Identity.Security;

public enum TotpAlgorithm { Sha1, Sha256, Sha512 }

/// <summary>
/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226): HMAC of the 64-bit step counter, dynamic truncation,
/// the low <c>digits</c> decimal digits. Enrolment uses SHA-1, 6 digits and 30-second steps, which every authenticator
/// app supports; SHA-256 and SHA-512 are here for the vectors and for apps that offer them. Verified against every
/// row of RFC 6238 Appendix B and RFC 4226 Appendix D (the tests read them from the shared data).
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int PeriodSeconds = 30;

    /// <summary>The HOTP value of <paramref name="counter"/>, as a zero-padded string of <paramref name="digits"/> digits.</summary>
    public static string Hotp(ReadOnlySpan<byte> secret, long counter, int digits = Digits, TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
    {
        if (digits is < 6 or > 9) throw new ArgumentOutOfRangeException(nameof(digits), "6 to 9 digits.");
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[64];
        var length = algorithm switch
        {
            TotpAlgorithm.Sha256 => HMACSHA256.HashData(secret, message, hash),
            TotpAlgorithm.Sha512 => HMACSHA512.HashData(secret, message, hash),
            _ => HMACSHA1.HashData(secret, message, hash),
        };
        var offset = hash[length - 1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7fffffff);
        var modulo = 1;
        for (var i = 0; i < digits; i++) modulo *= 10;
        return (binary % modulo).ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step counter of an instant: whole periods since the Unix epoch (64-bit, so years past 2038 work).</summary>
    public static long StepOf(DateTimeOffset at, int period = PeriodSeconds) => at.ToUnixTimeSeconds() / period;

    /// <summary>The TOTP value at <paramref name="at"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, DateTimeOffset at, int digits = Digits, int period = PeriodSeconds,
        TotpAlgorithm algorithm = TotpAlgorithm.Sha1) => Hotp(secret, StepOf(at, period), digits, algorithm);

    /// <summary>
    /// The step <paramref name="code"/> belongs to, looking one step back and one ahead for clock drift, or null. The
    /// caller refuses a step at or below the last one it accepted, so a code works once.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset at, int digits = Digits, int period = PeriodSeconds,
        TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
    {
        code = code?.Replace(" ", "", StringComparison.Ordinal);
        if (code is null || code.Length != digits || !code.All(char.IsAsciiDigit)) return null;
        var now = StepOf(at, period);
        for (var step = now - 1; step <= now + 1; step++)
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hotp(secret, step, digits, algorithm)), Encoding.ASCII.GetBytes(code)))
                return step;
        return null;
    }

    /// <summary>A new random secret (20 bytes, the size RFC 4226 recommends for SHA-1).</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The <c>otpauth://</c> URI an authenticator app reads from a QR code.</summary>
    public static string Uri(byte[] secret, string issuer, string account) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}"
        + $"&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={PeriodSeconds}";
}

/// <summary>RFC 4648 base32 without padding, as authenticator apps take TOTP secrets.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    /// <summary>Decodes base32 (case-insensitive, spaces and padding ignored); null when a character is not base32.</summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is '=' or ' ' or '-') continue;
            var value = Alphabet.IndexOf(c);
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
