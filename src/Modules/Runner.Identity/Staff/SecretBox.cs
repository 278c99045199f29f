using System.Security.Cryptography;
using System.Text;
using Runner.Kernel.Data;

namespace Runner.Identity.Staff;

/// <summary>
/// Encrypts the TOTP secrets at rest with AES-256-GCM under a key kept in the database (<see cref="SharedSecrets"/>), so a
/// copy of the staff table alone does not yield working codes. The staff id is the associated data: a secret copied
/// onto another row does not decrypt.
/// </summary>
internal sealed class SecretBox(RunnerDbContext db, SharedSecrets secrets)
{
    public const string KeyName = "identity_totp_key";

    public async Task<string> SealAsync(byte[] secret, Guid owner, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var sealedBytes = new byte[secret.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(await secrets.GetAsync(db, KeyName, ct), 16);
        aes.Encrypt(nonce, secret, sealedBytes, tag, Encoding.ASCII.GetBytes(owner.ToString("N")));
        return Convert.ToBase64String([.. nonce, .. sealedBytes, .. tag]);
    }

    public async Task<byte[]?> OpenAsync(string? box, Guid owner, CancellationToken ct)
    {
        if (box is null) return null;
        var bytes = Convert.FromBase64String(box);
        if (bytes.Length < 29) return null;
        var secret = new byte[bytes.Length - 28];
        using var aes = new AesGcm(await secrets.GetAsync(db, KeyName, ct), 16);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(12, secret.Length), bytes.AsSpan(bytes.Length - 16), secret,
                Encoding.ASCII.GetBytes(owner.ToString("N")));
            return secret;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
