using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.ApiKeys;
using Runner.Kernel.Data;

namespace Runner.Identity.Staff;

/// <summary>
/// The dashboard's first sign-in: while the store has no staff at all, one active Owner is made with the configured
/// email and password, else the store's contact email and a generated password (shown once by the start-up banner,
/// like the first admin key). Once anyone is staff, nothing is made again.
/// </summary>
internal static class BootstrapOwners
{
    public const string FallbackEmail = "owner@example.com";

    public static async Task<BootstrapOwner?> EnsureAsync(RunnerDbContext db, BootstrapOptions options, string? storeEmail, CancellationToken ct)
    {
        if (!options.CreateOwner || await db.Set<StaffMember>().AnyAsync(ct)) return null;
        var email = (options.OwnerEmail is { Length: > 0 } configured ? configured : storeEmail is { Length: > 0 } s ? s : FallbackEmail).Trim();
        var fromConfig = !string.IsNullOrWhiteSpace(options.OwnerPassword);
        var password = fromConfig ? options.OwnerPassword! : Generate();
        var now = DateTimeOffset.UtcNow;
        var member = new StaffMember
        {
            Id = Guid.CreateVersion7(now), Email = email, EmailKey = email.ToLowerInvariant(), Name = "Owner", Role = BuiltInRoles.Owner,
            Status = StaffStatus.Active, InvitedAt = now, ActivatedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        member.PasswordHash = new PasswordHasher<StaffMember>().HashPassword(member, password);
        db.Add(member);
        return new BootstrapOwner(email, fromConfig ? null : password, fromConfig);
    }

    /// <summary>Four groups of five letters and digits (about 100 bits), easy to read aloud and to type.</summary>
    private static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 4).Select(_ => new string(Enumerable.Range(0, 5)
            .Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }
}
