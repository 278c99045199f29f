using System.Text;
using System.Text.Json;
using Runner.Identity.Passwords;
using Runner.Identity.Security;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>TOTP and HOTP against every row of RFC 6238 Appendix B and RFC 4226 Appendix D, from ../shared/data.</summary>
public class TotpTests
{
    [SkippableFact]
    public void EveryTotpRow_OfRfc6238_IsComputed()
    {
        var rows = File.ReadAllLines(SharedData.Require("rfc6238-totp/totp_vectors.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).ToList();
        Assert.Equal(18, rows.Count);
        foreach (var r in rows)
        {
            var (time, algorithm, secret, digits, period, expected) =
                (long.Parse(r[0]), Enum.Parse<TotpAlgorithm>(r[3], ignoreCase: true), Encoding.ASCII.GetBytes(r[4]), int.Parse(r[5]), int.Parse(r[6]), r[7]);
            var at = DateTimeOffset.FromUnixTimeSeconds(time);
            Assert.Equal(Convert.ToInt64(r[2], 16), Totp.StepOf(at, period));
            Assert.Equal(expected, Totp.Compute(secret, at, digits, period, algorithm));
            Assert.Equal(Totp.StepOf(at, period), Totp.Match(secret, expected, at, digits, period, algorithm));
        }
    }

    [SkippableFact]
    public void EveryHotpRow_OfRfc4226_IsComputed()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("rfc6238-totp/vectors.json")));
        var rows = json.RootElement.GetProperty("hotp").EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        foreach (var r in rows)
            Assert.Equal(r.GetProperty("expected").GetString(), Totp.Hotp(Encoding.ASCII.GetBytes(r.GetProperty("secret_ascii").GetString()!),
                r.GetProperty("counter").GetInt64(), r.GetProperty("digits").GetInt32(),
                Enum.Parse<TotpAlgorithm>(r.GetProperty("algorithm").GetString()!, ignoreCase: true)));
    }

    [Fact]
    public void ACode_MatchesOneStepEitherSide_AndNoFurther()
    {
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        foreach (var drift in new[] { -30, 0, 30 })
            Assert.NotNull(Totp.Match(secret, Totp.Compute(secret, now.AddSeconds(drift)), now));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, now.AddSeconds(-61)), now));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, now.AddSeconds(61)), now));
        Assert.Null(Totp.Match(secret, "12345", now));
        Assert.Null(Totp.Match(secret, "abcdef", now));
        var code = Totp.Compute(secret, now);
        Assert.NotNull(Totp.Match(secret, code[..3] + " " + code[3..], now)); // as apps show it
    }

    [Fact]
    public void Base32_RoundTrips_AndMatchesTheRfcSeed()
    {
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(Encoding.ASCII.GetBytes("12345678901234567890")));
        for (var n = 0; n < 40; n++)
        {
            var bytes = Enumerable.Range(0, n).Select(i => (byte)(i * 37 + n)).ToArray();
            Assert.Equal(bytes, Base32.Decode(Base32.Encode(bytes)));
        }
        Assert.Null(Base32.Decode("GEZ1"));
        var uri = Totp.Uri(Encoding.ASCII.GetBytes("12345678901234567890"), "Runner Store", "ada@example.com");
        Assert.Equal("otpauth://totp/Runner%20Store:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Runner%20Store&algorithm=SHA1&digits=6&period=30", uri);
    }

    [Fact]
    public void TheCommonPasswordList_IsBundled_AndComparedWithoutCase()
    {
        Assert.True(PasswordRules.CommonCount > 1000);
        Assert.True(PasswordRules.IsCommon("QWERTYUIOP"));
        Assert.False(PasswordRules.IsCommon("correct horse battery"));
    }
}
