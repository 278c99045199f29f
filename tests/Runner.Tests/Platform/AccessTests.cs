using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Http;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

public class AccessTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task AdminEndpoint_WithoutKey_Is401Problem()
    {
        var response = await app.Admin(key: null).GetAsync("/admin/store");
        await response.Problem(HttpStatusCode.Unauthorized, "auth.missing_key");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("rk_WrongKey0123456789abcdefghijklmnopqrst")]
    [InlineData("rk_short")]
    [InlineData("not-a-key")]
    public async Task AdminEndpoint_WithWrongKey_Is401Problem(string key) =>
        await (await app.Admin(key).GetAsync("/admin/store")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_key");

    [Fact]
    public async Task AdminEndpoint_WithPublishableKey_Is401()
    {
        var client = app.Admin(key: null);
        client.DefaultRequestHeaders.Add("X-Publishable-Key", RunnerApp.PublishableKey);
        await (await client.GetAsync("/admin/store")).Problem(HttpStatusCode.Unauthorized, "auth.missing_key");
    }

    [Fact]
    public async Task AdminEndpoint_WithPublishableKeyAsBearer_Is401() =>
        await (await app.Admin(RunnerApp.PublishableKey).GetAsync("/admin/store")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_key");

    [Fact]
    public async Task ScopedKey_WithoutThePermission_Is403NamingIt()
    {
        var created = await (await app.Admin().PostJson("/admin/api-keys",
            new { name = "read-only catalog", kind = "secret", permissions = new[] { "catalog:read" } })).Json(HttpStatusCode.Created);
        var key = created.Str("key");
        var problem = await (await app.Admin(key).GetAsync("/admin/store")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Contains("settings:read", problem.Str("detail"));
    }

    [Fact]
    public async Task RevokedKey_StopsWorking()
    {
        var created = await (await app.Admin().PostJson("/admin/api-keys",
            new { name = "temp", kind = "secret", permissions = new[] { "settings:read" } })).Json(HttpStatusCode.Created);
        var key = created.Str("key");
        await (await app.Admin(key).GetAsync("/admin/store")).Json();
        await (await app.Admin().DeleteAsync($"/admin/api-keys/{created.GetProperty("apiKey").Str("id")}")).Json(HttpStatusCode.NoContent);
        await (await app.Admin(key).GetAsync("/admin/store")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_key");
    }

    [Fact]
    public async Task ApiKeys_AreStoredHashed_AndTheSecretIsShownOnce()
    {
        var created = await (await app.Admin().PostJson("/admin/api-keys",
            new { name = "script", kind = "secret", permissions = new[] { "catalog:read" } })).Json(HttpStatusCode.Created);
        var secret = created.Str("key");
        Assert.StartsWith("rk_", secret);
        var list = await (await app.Admin().GetAsync("/admin/api-keys")).Json();
        Assert.DoesNotContain(secret, list.GetRawText());
        var stored = await app.WithDbAsync(db => Task.FromResult(db.Set<Runner.Identity.ApiKeys.ApiKey>().Single(k => k.Name == "script")));
        Assert.Null(stored.Token);
        Assert.Equal(32, stored.SecretHash.Length);
    }

    [Fact]
    public async Task CreateApiKey_WithUnknownPermission_Is400()
    {
        var problem = await (await app.Admin().PostJson("/admin/api-keys",
            new { name = "x", kind = "secret", permissions = new[] { "everything" } })).Problem(HttpStatusCode.BadRequest, "api_keys.unknown_permission");
        problem.HasFieldError("permissions");
    }

    [Fact]
    public void EveryEndpoint_DeclaresItsAccess()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var undeclared = endpoints
            // In Development only, the static assets add a fallback serving wwwroot files made after the build (public
            // by nature; the conventions of MapStaticAssets do not reach it).
            .Where(e => e.RoutePattern.RawText != "{**path:file}")
            .Where(e => e.Metadata.GetMetadata<EndpointAccess>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without an access declaration: " + string.Join("; ", undeclared));
    }

    [Fact]
    public void AdminEndpoints_NeedAPermission_StoreEndpoints_AStorefrontKey()
    {
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var access = e.Metadata.GetMetadata<EndpointAccess>()!;
            var route = e.RoutePattern.RawText ?? "";
            // Under /admin only the staff sign-in (public) and a staff member's own account (any role) need no permission.
            if (route.StartsWith("/admin/auth/", StringComparison.Ordinal)) Assert.Contains(access.Kind, new[] { AccessKind.Public, AccessKind.Staff });
            else if (route.StartsWith("/admin", StringComparison.Ordinal)) Assert.Equal(AccessKind.Permission, access.Kind);
            if (route.StartsWith("/store", StringComparison.Ordinal)) Assert.Contains(access.Kind, new[] { AccessKind.Storefront, AccessKind.Customer });
        }
    }
}
