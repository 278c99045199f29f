using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

public class AuditLogTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<JsonElement> EntriesAsync(string query) =>
        (await (await app.Admin().GetAsync("/admin/audit-log?" + query)).Json()).GetProperty("items");

    [Fact]
    public async Task AnAdminChange_IsRecorded_WithWhoWhatWhereAndTheFieldsBeforeAndAfter()
    {
        var invited = await (await app.Admin().PostJson("/admin/staff", new { email = AccountData.Email("audited"), name = "Before Name", role = "support" }))
            .Json(HttpStatusCode.Created);
        var id = invited.Str("id");
        await (await app.Admin().PatchJson($"/admin/staff/{id}", new { name = "After Name", role = "analyst" })).Json();
        await (await app.Admin().GetAsync($"/admin/staff/{id}")).Json(); // reads are not recorded

        var entry = (await EntriesAsync("action=UpdateStaff")).EnumerateArray().First(e => e.Str("path") == $"/admin/staff/{id}");
        Assert.Equal("api_key", entry.Str("actorKind"));
        Assert.Equal("PATCH", entry.Str("method"));
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        var change = entry.GetProperty("changes").EnumerateArray().Single(c => c.Str("table") == "identity_staff");
        Assert.Equal(id, change.Str("key"), ignoreCase: true);
        Assert.Equal("Before Name", change.GetProperty("fields").GetProperty("Name").Str("before"));
        Assert.Equal("After Name", change.GetProperty("fields").GetProperty("Name").Str("after"));
        Assert.Equal("analyst", change.GetProperty("fields").GetProperty("Role").Str("after"));
        Assert.DoesNotContain((await EntriesAsync($"path=/admin/staff/{id}")).EnumerateArray(), e => e.Str("method") == "GET");
    }

    [Fact]
    public async Task SignInAttempts_AreRecorded_AndSecretsNeverAre()
    {
        var email = AccountData.Email("signin");
        await (await app.Store(key: null).PostJson("/admin/auth/password", new { email, password = "a wrong password 1" }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var entry = (await EntriesAsync("action=StaffPasswordSignIn")).EnumerateArray()
            .First(e => e.GetProperty("request").TryGetProperty("email", out var sent) && sent.GetString() == email);
        Assert.Equal("anonymous", entry.Str("actorKind"));
        Assert.Equal(401, entry.GetProperty("status").GetInt32());
        Assert.Equal("[redacted]", entry.GetProperty("request").Str("password"));
        var all = await (await app.Admin().GetAsync("/admin/audit-log/export")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("a wrong password 1", all);
    }

    [Fact]
    public async Task ARefusedAttempt_IsRecordedToo()
    {
        var key = (await (await app.Admin().PostJson("/admin/api-keys",
            new { name = "catalog reader", kind = "secret", permissions = new[] { "catalog:read" } })).Json(HttpStatusCode.Created)).Str("key");
        await (await app.Admin(key).PostJson("/admin/roles", new { name = "Nope", permissions = Array.Empty<string>() })).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        var entry = (await EntriesAsync("action=CreateRole")).EnumerateArray().First(e => e.GetProperty("status").GetInt32() == 403);
        Assert.Equal("api_key", entry.Str("actorKind"));
        Assert.Equal("catalog reader", entry.Str("actorName"));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("changes").ValueKind);
    }

    [Fact]
    public async Task TheLog_IsExportedAsCsv_WithItsFilters_AndPagesByCursor()
    {
        for (var i = 0; i < 3; i++)
            await (await app.Admin().PostJson("/admin/roles", new { name = "Export role " + i, permissions = new[] { "orders:read" } })).Json(HttpStatusCode.Created);
        var csv = await (await app.Admin().GetAsync("/admin/audit-log/export?action=CreateRole")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("at,actor_kind,actor_id,actor_name,ip,user_agent,method,path,action,status,request,changes", lines[0]);
        Assert.True(lines.Length >= 4);
        Assert.All(lines.Skip(1), l => Assert.Contains(",CreateRole,", l));

        var first = await (await app.Admin().GetAsync("/admin/audit-log?action=CreateRole&limit=2")).Json();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var next = await (await app.Admin().GetAsync($"/admin/audit-log?action=CreateRole&limit=2&cursor={Uri.EscapeDataString(first.Str("nextCursor"))}")).Json();
        Assert.DoesNotContain(next.GetProperty("items").EnumerateArray().Select(e => e.Str("id")), id => first.GetProperty("items").EnumerateArray().Any(f => f.Str("id") == id));
        await (await app.Admin().GetAsync("/admin/audit-log?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).Problem(HttpStatusCode.BadRequest, "audit.invalid_range");
    }
}

public class ApiKeyRotationTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task ARotatedKey_StopsAtOnce_AndItsSuccessorKeepsItsPermissions()
    {
        var created = await (await app.Admin().PostJson("/admin/api-keys", new { name = "script", kind = "secret", permissions = new[] { "catalog:read" } }))
            .Json(HttpStatusCode.Created);
        var old = created.Str("key");
        await (await app.Admin(old).GetAsync("/admin/products")).Json();
        var rotated = await (await app.Admin().PostAsync($"/admin/api-keys/{created.GetProperty("apiKey").Str("id")}/rotate", null)).Json(HttpStatusCode.Created);
        Assert.NotEqual(old, rotated.Str("key"));
        Assert.Equal(["catalog:read"], rotated.GetProperty("apiKey").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        await (await app.Admin(old).GetAsync("/admin/products")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_key");
        await (await app.Admin(rotated.Str("key")).GetAsync("/admin/products")).Json();
        await (await app.Admin().PostAsync($"/admin/api-keys/{created.GetProperty("apiKey").Str("id")}/rotate", null)).Problem(HttpStatusCode.NotFound, "api_keys.not_found");
    }

    [Fact]
    public async Task AKeyNeverHoldsMoreThanItsMaker()
    {
        var maker = (await (await app.Admin().PostJson("/admin/api-keys", new { name = "key manager", kind = "secret", permissions = new[] { "api_keys:write", "catalog:read" } }))
            .Json(HttpStatusCode.Created)).Str("key");
        (await (await app.Admin(maker).PostJson("/admin/api-keys", new { name = "escalate", kind = "secret", permissions = new[] { "*" } }))
            .Problem(HttpStatusCode.BadRequest, "api_keys.permission_not_held")).HasFieldError("permissions");
        await (await app.Admin(maker).PostJson("/admin/api-keys", new { name = "refunds", kind = "secret", permissions = new[] { "refunds:write" } }))
            .Problem(HttpStatusCode.BadRequest, "api_keys.permission_not_held");
        await (await app.Admin(maker).PostJson("/admin/api-keys", new { name = "reader", kind = "secret", permissions = new[] { "catalog:read" } }))
            .Json(HttpStatusCode.Created);
        var strong = await (await app.Admin().PostJson("/admin/api-keys", new { name = "strong", kind = "secret", permissions = new[] { "refunds:write" } }))
            .Json(HttpStatusCode.Created);
        await (await app.Admin(maker).PostAsync($"/admin/api-keys/{strong.GetProperty("apiKey").Str("id")}/rotate", null))
            .Problem(HttpStatusCode.Forbidden, "api_keys.permission_not_held");
    }
}
