using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Identity.Audit;

/// <summary>What one admin request changed, gathered while it runs (<see cref="AuditChanges"/>).</summary>
internal sealed class AuditScope
{
    public const string Key = "runner:audit";
    public List<JsonObject> Changes { get; } = [];
}

/// <summary>
/// Records every admin write (<c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c> under <c>/admin</c>) made by a staff
/// member or an API key, and every staff sign-in attempt, once it has answered: a row of its own, in a commit of its
/// own, so a failed request is recorded too. Reads are not recorded.
/// </summary>
internal static class AuditRecorder
{
    public const int MaxRequestChars = 8_000, MaxChangesChars = 32_000;

    /// <summary>Fields whose values are never kept: passwords, one-time codes, tokens, keys, secrets and their hashes.</summary>
    private static readonly string[] SecretNames = ["code", "key", "cvc"];
    private static readonly string[] SecretEndings = ["password", "passwordhash", "token", "secret", "hash", "totppending", "recoverycodes"];

    public static bool IsSecret(string name) =>
        SecretNames.Any(s => name.Equals(s, StringComparison.OrdinalIgnoreCase))
        || SecretEndings.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    public static IApplicationBuilder Use(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path.Value ?? "";
        if (!path.StartsWith("/admin", StringComparison.Ordinal) || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || HttpMethods.IsOptions(http.Request.Method))
        {
            await next(http);
            return;
        }
        var request = await ReadBodyAsync(http);
        var scope = new AuditScope();
        http.Items[AuditScope.Key] = scope;
        try
        {
            await next(http);
        }
        finally
        {
            var actor = ActorClaims.From(http.User);
            if (actor is not null || path.StartsWith("/admin/auth/", StringComparison.Ordinal))
                await WriteAsync(http, actor, request, scope);
        }
    });

    private static async Task<string?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true) return null;
        http.Request.EnableBuffering();
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true);
        var buffer = new char[MaxRequestChars + 1];
        var read = await reader.ReadBlockAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        if (read > MaxRequestChars) return "{\"truncated\":true}";
        try
        {
            return Redact(JsonNode.Parse(new string(buffer, 0, read)))?.ToJsonString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The JSON with every secret field's value replaced, at any depth.</summary>
    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                    o[name] = IsSecret(name) && value is not null ? "[redacted]" : Redact(value?.DeepClone());
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) a[i] = Redact(a[i]?.DeepClone());
                break;
        }
        return node;
    }

    private static async Task WriteAsync(HttpContext http, Actor? actor, string? request, AuditScope scope)
    {
        var services = http.RequestServices;
        try
        {
            var changes = scope.Changes.Count == 0 ? null : new JsonArray([.. scope.Changes]).ToJsonString();
            if (changes is { Length: > MaxChangesChars }) changes = "[{\"truncated\":true}]";
            var endpoint = http.GetEndpoint();
            await using var own = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = own.ServiceProvider.GetRequiredService<RunnerDbContext>();
            var now = Instants.Now(services.GetRequiredService<TimeProvider>());
            db.Add(new AuditEntry
            {
                Id = Guid.CreateVersion7(now), At = now, ActorKind = actor is null ? "anonymous" : Actor.KindName(actor.Kind), ActorId = actor?.Id ?? "",
                ActorName = actor?.Name, Ip = http.Connection.RemoteIpAddress?.ToString(), UserAgent = Cut(http.Request.Headers.UserAgent.ToString(), 200),
                Method = http.Request.Method, Path = Cut(http.Request.Path.Value ?? "", 500)!, Action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                Status = http.Response.StatusCode, Request = request, Changes = changes,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditRecorder)).LogError(e,
                "The audit entry of {Method} {Path} could not be written.", http.Request.Method, http.Request.Path.Value);
        }
    }

    private static string? Cut(string? text, int length) => string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}

/// <summary>
/// Gathers what the saves of an audited request write: for each row its table, key and state, and each changed
/// field's value before and after (secret fields redacted). Writes made with bulk statements (<c>ExecuteUpdate</c>,
/// hand-written SQL) are not seen here; their request is still recorded.
/// </summary>
internal sealed class AuditChanges(IHttpContextAccessor http) : SavingObserver
{
    protected override void Saving(RunnerDbContext db)
    {
        if (http.HttpContext?.Items[AuditScope.Key] is not AuditScope scope) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is AuditEntry) continue;
            var fields = new JsonObject();
            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                if (entry.State == EntityState.Deleted && !property.Metadata.IsPrimaryKey()) continue;
                var name = property.Metadata.Name;
                var change = new JsonObject();
                if (entry.State != EntityState.Added) change["before"] = Value(name, property.OriginalValue);
                if (entry.State != EntityState.Deleted) change["after"] = Value(name, property.CurrentValue);
                fields[name] = change;
            }
            var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
            scope.Changes.Add(new JsonObject
            {
                ["table"] = entry.Metadata.GetTableName(),
                ["key"] = key is null ? null : string.Join("/", key),
                ["state"] = entry.State.ToString().ToLowerInvariant(),
                ["fields"] = fields,
            });
        }
    }

    private static JsonNode? Value(string name, object? value)
    {
        if (value is null) return null;
        if (AuditRecorder.IsSecret(name)) return "[redacted]";
        try
        {
            return JsonSerializer.SerializeToNode(value, value.GetType(), RunnerJson.Options);
        }
        catch (NotSupportedException)
        {
            return value.ToString();
        }
    }
}
