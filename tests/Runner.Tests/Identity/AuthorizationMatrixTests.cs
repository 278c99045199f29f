using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Identity.Staff;
using Runner.Kernel.Http;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>
/// Every endpoint of the application × every kind of caller: anonymous, customers A and B, a staff member of each
/// built-in role, a scoped API key, a publishable key alone. What each endpoint declares (<see cref="EndpointAccess"/>)
/// says who may call it; an allowed call must not be refused as a caller (401/403 with an access code; nor 5xx: made-up ids and an empty body are bad input, a
/// 4xx), a denied one must answer 401, 403 or 404 and change
/// nothing in the database. Runs on SQLite only (the rules are the same on PostgreSQL, and it makes ~1,500 calls).
/// </summary>
public partial class AuthorizationMatrixTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private sealed record Caller(string Name, HttpClient Client, Func<EndpointAccess, bool> Allowed);

    private static readonly string[] ScopedKeyPermissions = [Permissions.CatalogRead, Permissions.OrdersRead];

    /// <summary>
    /// The codes of a refused caller. An allowed call may still answer 401 for what it was sent (a wrong password, an
    /// unknown refresh token: <c>auth.invalid_credentials</c> and the like), which is not a refusal of the caller.
    /// </summary>
    private static readonly string?[] AccessCodes = ["auth.unauthenticated", "auth.forbidden", "auth.missing_key", "auth.invalid_key",
        "auth.missing_publishable_key", "auth.sign_in_required", "auth.invalid_token", "auth.mfa_enrolment_required", null];

    [SkippableFact]
    public async Task EveryEndpoint_TimesEveryCaller_IsAllowedOrDeniedAsDeclared()
    {
        Skip.If(app.Database.Provider != "sqlite", "The matrix runs on SQLite.");
        var callers = await CallersAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .Where(x => x.Method != "OPTIONS" && x.Method != "HEAD")
            .Where(x => x.Endpoint.RoutePattern.RawText != "{**path:file}") // Development's static-file fallback (see AccessTests)
            .ToList();
        Assert.True(endpoints.Count > 100, $"Only {endpoints.Count} endpoints found.");

        var failures = new List<string>();
        var before = await FingerprintAsync();
        var cells = 0;
        // Denied cells first, all of them, then one comparison of the database: none of them may have changed it.
        foreach (var (method, endpoint) in endpoints)
        {
            var access = endpoint.Metadata.GetMetadata<EndpointAccess>();
            if (access is null)
            {
                failures.Add($"{method} {endpoint.RoutePattern.RawText}: declares no access");
                continue;
            }
            foreach (var caller in callers.Where(c => !c.Allowed(access)))
            {
                cells++;
                var (status, code) = await CallAsync(caller, method, endpoint);
                if (status is not (401 or 403 or 404)) failures.Add($"{caller.Name} {method} {endpoint.RoutePattern.RawText}: {status} {code}, expected 401/403/404");
            }
        }
        var after = await FingerprintAsync();
        foreach (var (table, count) in after.Where(t => before.GetValueOrDefault(t.Key) != t.Value))
            failures.Add($"denied calls changed {table}: {before.GetValueOrDefault(table)} -> {count} rows");

        foreach (var (method, endpoint) in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<EndpointAccess>() is not { } access) continue;
            foreach (var caller in callers.Where(c => c.Allowed(access)))
            {
                cells++;
                var (status, code) = await CallAsync(caller, method, endpoint);
                if ((status is 401 or 403 && AccessCodes.Contains(code)) || status >= 500)
                    failures.Add($"{caller.Name} {method} {endpoint.RoutePattern.RawText}: {status} {code}, expected access and a 2xx-4xx answer");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells wrong:\n" + string.Join("\n", failures));
    }

    private async Task<List<Caller>> CallersAsync()
    {
        var callers = new List<Caller>
        {
            new("anonymous", app.Store(key: null), a => a.Kind == AccessKind.Public),
            new("publishable key", app.Store(), a => a.Kind is AccessKind.Public or AccessKind.Storefront),
        };
        foreach (var name in new[] { "customer A", "customer B" })
        {
            var tokens = await AccountData.NewAccountAsync(app, AccountData.Email(name.Replace(' ', '-')));
            callers.Add(new(name, AccountData.As(app, tokens.Str("accessToken")), a => a.Kind is AccessKind.Public or AccessKind.Storefront or AccessKind.Customer));
        }
        foreach (var role in BuiltInRoles.All)
        {
            var email = AccountData.Email("matrix-" + role.Key);
            await StaffData.CreateAsync(app, email, role.Key);
            var held = role.Permissions;
            callers.Add(new("staff " + role.Key, await StaffData.SignedInAsync(app, email), a => a.Kind switch
            {
                AccessKind.Public or AccessKind.Staff => true,
                AccessKind.Permission => held.Contains(Permissions.All) || held.Contains(a.Permission!),
                _ => false,
            }));
        }
        var key = (await (await app.Admin().PostJson("/admin/api-keys", new { name = "matrix", kind = "secret", permissions = ScopedKeyPermissions }))
            .Json(HttpStatusCode.Created)).Str("key");
        callers.Add(new("scoped API key", app.Admin(key), a => a.Kind == AccessKind.Public
            || (a.Kind == AccessKind.Permission && ScopedKeyPermissions.Contains(a.Permission!))));
        return callers;
    }

    /// <summary>Calls the endpoint with made-up ids and an empty JSON object (writes), a fresh Idempotency-Key; the status.</summary>
    private static async Task<(int Status, string? Code)> CallAsync(Caller caller, string method, RouteEndpoint endpoint)
    {
        var path = Parameter().Replace(endpoint.RoutePattern.RawText ?? "/", m => m.Value.Contains(":guid", StringComparison.Ordinal)
            ? Guid.NewGuid().ToString() : m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.Contains(":long", StringComparison.Ordinal) ? "1" : "matrix");
        if (!path.StartsWith('/')) path = "/" + path;
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        // Headers only (and a problem's body): a stream such as /admin/analytics/live answers 200 and never ends.
        using var response = await caller.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        return ((int)response.StatusCode, code);
    }

    /// <summary>Row counts of every table but the audit log and the sign-in counters (refused attempts are recorded there).</summary>
    private Task<Dictionary<string, long>> FingerprintAsync() => app.WithDbAsync(async db =>
    {
        var counts = new Dictionary<string, long>();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct()
            .Where(t => t is not ("identity_audit_log" or "identity_attempts"));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return counts;
    });

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
