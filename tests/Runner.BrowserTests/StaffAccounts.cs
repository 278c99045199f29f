using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Runner.BrowserTests;

/// <summary>Staff made through the admin API as an Owner would (an invitation by email, accepted), and their TOTP codes.</summary>
public static partial class StaffAccounts
{
    public const string Password = "staff-member-passphrase-9";

    /// <summary>Invites <paramref name="email"/> with <paramref name="role"/> and accepts the emailed invitation; returns the email.</summary>
    public static async Task<string> CreateAsync(StoreFixture store, string role)
    {
        var (email, token) = await InviteAsync(store, role);
        using var admin = store.Admin();
        using var accepted = await admin.PostAsJsonAsync("/admin/auth/invitation/accept", new { token, password = Password });
        if (!accepted.IsSuccessStatusCode) throw new InvalidOperationException(await accepted.Content.ReadAsStringAsync());
        return email;
    }

    /// <summary>Invites a new member with <paramref name="role"/>; their email and the token of the emailed invitation link.</summary>
    public static async Task<(string Email, string Token)> InviteAsync(StoreFixture store, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        using var admin = store.Admin();
        using (var invited = await admin.PostAsJsonAsync("/admin/staff", new { email, name = $"{role} member", role }))
            if (!invited.IsSuccessStatusCode) throw new InvalidOperationException(await invited.Content.ReadAsStringAsync());
        return (email, InvitationToken().Match(await MailAsync(store, email, "invit")).Groups[1].Value);
    }

    /// <summary>The email to <paramref name="to"/> whose text holds <paramref name="containing"/> (quoted-printable undone).</summary>
    public static async Task<string> MailAsync(StoreFixture store, string to, string containing)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(store.Host.MailFolder))
                foreach (var file in Directory.GetFiles(store.Host.MailFolder, "*.eml"))
                {
                    var text = (await File.ReadAllTextAsync(file)).Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
                    if (text.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase) && text.Contains(containing, StringComparison.OrdinalIgnoreCase)) return text;
                }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No email about '{containing}' to {to} arrived.");
    }

    /// <summary>The RFC 6238 code (SHA-1, 30 s, 6 digits) of a base32 secret, <paramref name="step"/> steps from now.</summary>
    public static string Totp(string base32Secret, int step = 0)
    {
        var key = Base32(base32Secret);
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 + step;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in s.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits < 8) continue;
            output.Add((byte)(value >> (bits - 8)));
            bits -= 8;
        }
        return [.. output];
    }

    [GeneratedRegex(@"accept-invitation\?token=([A-Za-z0-9._\-]+)")]
    private static partial Regex InvitationToken();
}
