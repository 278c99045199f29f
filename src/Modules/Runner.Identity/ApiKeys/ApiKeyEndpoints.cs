using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Authentication;
using Runner.Identity.Contracts;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Identity.ApiKeys;

public sealed record CreateApiKeyRequest(string Name, ApiKeyKind Kind, ChannelId? ChannelId = null, IReadOnlyList<string>? Permissions = null);

/// <summary>An API key as listed: never the secret. <see cref="Token"/> is set for publishable keys only.</summary>
public sealed record ApiKeyResponse(ApiKeyId Id, string Name, ApiKeyKind Kind, string Prefix, string? Token, ChannelId? ChannelId,
    IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The answer to a create: the key itself, shown this once.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Key);

public sealed record ApiKeyList(IReadOnlyList<ApiKeyResponse> Items, string? NextCursor);

internal static class ApiKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/api-keys").WithTags("API keys");
        group.MapGet("", List).RequirePermission(Permissions.ApiKeysRead).WithName("ListApiKeys")
            .WithSummary("List API keys (secrets are never shown again)");
        group.MapPost("", Create).RequirePermission(Permissions.ApiKeysWrite).WithName("CreateApiKey")
            .ProducesProblem(400).WithSummary("Create a secret admin key (with permissions) or a publishable storefront key (for a channel)");
        group.MapPost("/{id:guid}/rotate", Rotate).RequirePermission(Permissions.ApiKeysWrite).WithName("RotateApiKey")
            .ProducesProblem(404).WithSummary("Replace a key by a new one with the same name, kind, channel and permissions; the old one stops at once");
        group.MapDelete("/{id:guid}", Revoke).RequirePermission(Permissions.ApiKeysWrite).WithName("RevokeApiKey")
            .ProducesProblem(404).WithSummary("Revoke an API key");
    }

    internal static async Task<Ok<ApiKeyList>> List(RunnerDbContext db, CancellationToken ct)
    {
        var keys = await db.Set<ApiKey>().AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return TypedResults.Ok(new ApiKeyList([.. keys.Select(ToResponse)], null));
    }

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Create(
        CreateApiKeyRequest request, HttpContext http, RunnerDbContext db, IStoreQueries store, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("name", request.Name, 100);
        var permissions = request.Permissions?.Distinct().ToList() ?? [];
        ChannelId? channel = null;
        if (request.Kind == ApiKeyKind.Secret)
        {
            if (request.ChannelId is not null) v.Add("channelId", "api_keys.channel_on_secret", "Secret keys are not tied to a channel.");
            if (permissions.Count == 0) v.Add("permissions", "validation.required", "A secret key needs at least one permission.");
            foreach (var p in permissions.Where(p => !Permissions.IsKnown(p)))
                v.Add("permissions", "api_keys.unknown_permission", $"'{p}' is not a permission.");
            // A key never holds more than whoever makes it: a role allowed to manage keys cannot mint its way past itself.
            var held = http.User.FindAll(ActorClaims.Permission).Select(c => c.Value).ToHashSet();
            foreach (var p in permissions.Where(p => Permissions.IsKnown(p) && !held.Contains(Permissions.All) && !held.Contains(p)))
                v.Add("permissions", "api_keys.permission_not_held", $"You do not hold '{p}', so a key you make cannot either.");
        }
        else
        {
            if (permissions.Count > 0) v.Add("permissions", "api_keys.permissions_on_publishable", "Publishable keys carry no permissions.");
            channel = request.ChannelId ?? (await store.GetDefaultChannelAsync(ct)).Id;
            if (request.ChannelId is { } asked && (await store.FindChannelsAsync([asked], ct)).Count == 0)
                v.Add("channelId", "store.channel_not_found", "No active sales channel has this id.");
        }
        if (!v.IsValid) return Problems.Of(v.ToError());
        var (key, secret) = New(request.Name.Trim(), request.Kind, channel, permissions);
        db.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/api-keys/{key.Id}", new CreatedApiKeyResponse(ToResponse(key), secret));
    }

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Rotate(
        Guid id, HttpContext http, RunnerDbContext db, TimeProvider clock, PublishableKeyCache cache, CancellationToken ct)
    {
        var old = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == new ApiKeyId(id) && k.RevokedAt == null, ct);
        if (old is null) return Problems.Of(Error.NotFound("api_keys.not_found", "No active API key has this id."));
        var held = http.User.FindAll(ActorClaims.Permission).Select(c => c.Value).ToHashSet();
        if (!held.Contains(Permissions.All) && old.Permissions.Any(p => !held.Contains(p)))
            return Problems.Of(new Error("api_keys.permission_not_held", "This key holds permissions you do not: you cannot rotate it.", ErrorKind.Forbidden));
        var (key, secret) = New(old.Name, old.Kind, old.ChannelId, [.. old.Permissions], bootstrap: old.IsBootstrap);
        old.RevokedAt = clock.GetUtcNow();
        db.Add(key);
        await db.SaveChangesAsync(ct);
        cache.Forget(old.Lookup);
        return TypedResults.Created($"/admin/api-keys/{key.Id}", new CreatedApiKeyResponse(ToResponse(key), secret));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, RunnerDbContext db, TimeProvider clock, PublishableKeyCache cache, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == new ApiKeyId(id), ct);
        if (key is null) return Problems.Of(Error.NotFound("api_keys.not_found", "No API key has this id."));
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Forget(key.Lookup);
        return TypedResults.NoContent();
    }

    internal static (ApiKey Key, string Secret) New(string name, ApiKeyKind kind, ChannelId? channel, List<string> permissions,
        string? secret = null, bool bootstrap = false)
    {
        secret ??= KeySecrets.Generate(kind);
        var key = new ApiKey
        {
            Id = TypedId.New<ApiKeyId>(),
            Kind = kind,
            Name = name,
            Lookup = KeySecrets.LookupOf(secret),
            SecretHash = KeySecrets.Hash(secret),
            Token = kind == ApiKeyKind.Publishable ? secret : null,
            ChannelId = channel,
            Permissions = permissions,
            IsBootstrap = bootstrap,
        };
        return (key, secret);
    }

    private static ApiKeyResponse ToResponse(ApiKey k) => new(k.Id, k.Name, k.Kind, KeySecrets.Prefix(k.Kind) + k.Lookup, k.Token,
        k.ChannelId, k.Permissions, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
