using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Store.Contracts;

namespace Runner.Identity.ApiKeys;

public sealed class BootstrapOptions
{
    /// <summary>Fixes the first admin key (<c>rk_...</c>) for scripts and CI; otherwise one is generated and shown once.</summary>
    public string? AdminKey { get; set; }
    /// <summary>Fixes the first publishable key (<c>pk_...</c>) of the default channel.</summary>
    public string? PublishableKey { get; set; }
    /// <summary>Whether a store without staff gets its first Owner at start (the dashboard's first sign-in).</summary>
    public bool CreateOwner { get; set; } = true;
    /// <summary>The email of the first Owner, made when the store has no staff yet (else the store's contact email).</summary>
    public string? OwnerEmail { get; set; }
    /// <summary>Fixes the first Owner's password for scripts and tests; otherwise one is generated and shown once.</summary>
    public string? OwnerPassword { get; set; }
}

/// <summary>The first Owner made at this start: their email and, when generated, the password shown once.</summary>
public sealed record BootstrapOwner(string Email, string? Password, bool PasswordFromConfiguration);

/// <summary>What the first start tells the operator: a new admin key is shown only when it is created.</summary>
public sealed record BootstrapKeys(string? AdminKey, bool AdminKeyFromConfiguration, string PublishableKey, BootstrapOwner? Owner = null);

/// <summary>Makes sure the store can be reached: an admin key with every permission and a publishable key of the default channel.</summary>
public static class BootstrapKeyService
{
    public static async Task<BootstrapKeys> EnsureAsync(RunnerDbContext db, BootstrapOptions options, ChannelId defaultChannel,
        string? storeEmail, CancellationToken ct)
    {
        var owner = await Staff.BootstrapOwners.EnsureAsync(db, options, storeEmail, ct);
        string? adminKey = null;
        var fromConfig = !string.IsNullOrWhiteSpace(options.AdminKey);
        if (fromConfig)
        {
            adminKey = options.AdminKey!.Trim();
            if (!KeySecrets.IsWellFormed(adminKey, ApiKeyKind.Secret))
                throw new InvalidOperationException(
                    $"Runner:Bootstrap:AdminKey must start with rk_ and hold at least {KeySecrets.MinLength - 3} letters and digits after it.");
            await EnsureKeyAsync(db, adminKey, ApiKeyKind.Secret, "Bootstrap admin key (configured)", null, ct);
        }
        else if (!await db.Set<ApiKey>().AnyAsync(k => k.Kind == ApiKeyKind.Secret && k.IsBootstrap && k.RevokedAt == null, ct))
        {
            var (key, secret) = ApiKeyEndpoints.New("Bootstrap admin key", ApiKeyKind.Secret, null, [Permissions.All], bootstrap: true);
            db.Add(key);
            adminKey = secret;
        }

        string publishable;
        if (!string.IsNullOrWhiteSpace(options.PublishableKey))
        {
            publishable = options.PublishableKey.Trim();
            if (!KeySecrets.IsWellFormed(publishable, ApiKeyKind.Publishable))
                throw new InvalidOperationException(
                    $"Runner:Bootstrap:PublishableKey must start with pk_ and hold at least {KeySecrets.MinLength - 3} letters and digits after it.");
            await EnsureKeyAsync(db, publishable, ApiKeyKind.Publishable, "Bootstrap storefront key (configured)", defaultChannel, ct);
        }
        else
        {
            var existing = await db.Set<ApiKey>().Where(k => k.Kind == ApiKeyKind.Publishable && k.IsBootstrap && k.RevokedAt == null)
                .Select(k => k.Token).FirstOrDefaultAsync(ct);
            if (existing is null)
            {
                var (key, token) = ApiKeyEndpoints.New("Bootstrap storefront key", ApiKeyKind.Publishable, defaultChannel, [], bootstrap: true);
                db.Add(key);
                existing = token;
            }
            publishable = existing;
        }
        await db.SaveChangesAsync(ct);
        return new BootstrapKeys(adminKey, fromConfig, publishable, owner);
    }

    private static string Describe(ApiKeyKind kind) => kind == ApiKeyKind.Secret ? "admin key" : "publishable key";

    private static async Task EnsureKeyAsync(RunnerDbContext db, string secret, ApiKeyKind kind, string name, ChannelId? channel, CancellationToken ct)
    {
        var lookup = KeySecrets.LookupOf(secret);
        var hash = KeySecrets.Hash(secret);
        // The configured admin and publishable keys are saved together: one added just now counts too.
        var existing = db.Set<ApiKey>().Local.FirstOrDefault(k => k.Lookup == lookup)
            ?? await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Lookup == lookup, ct);
        if (existing is not null && KeySecrets.Matches(secret, existing.SecretHash) && existing.RevokedAt is null) return;
        if (existing is not null)
            throw new InvalidOperationException(existing.RevokedAt is not null && KeySecrets.Matches(secret, existing.SecretHash)
                ? $"The configured {Describe(kind)} was revoked; configure another."
                : $"The configured {Describe(kind)} collides with another key: keys are found by the {KeySecrets.LookupLength} characters "
                  + $"after their prefix ('{lookup}' here), and another key starts with the same ones; choose another.");
        var permissions = kind == ApiKeyKind.Secret ? new List<string> { Permissions.All } : [];
        var (key, _) = ApiKeyEndpoints.New(name, kind, channel, permissions, secret, bootstrap: true);
        key.SecretHash = hash;
        db.Add(key);
    }
}

/// <summary>Creates admin keys outside HTTP (the host's <c>keys create-admin</c> command).</summary>
public static class AdminKeys
{
    public static async Task<string> CreateAsync(IServiceProvider services, string name, CancellationToken ct)
    {
        var db = (RunnerDbContext)services.GetService(typeof(RunnerDbContext))!;
        var (key, secret) = ApiKeyEndpoints.New(name, ApiKeyKind.Secret, null, [Permissions.All]);
        db.Add(key);
        await db.SaveChangesAsync(ct);
        return secret;
    }
}
