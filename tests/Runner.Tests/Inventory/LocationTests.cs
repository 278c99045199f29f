using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

public class LocationTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<string> DefaultChannelAsync() =>
        (await (await app.Admin().GetAsync("/admin/channels")).Json()).GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("isDefault").GetBoolean()).Str("id");

    private async Task<int> CountAsync() =>
        (await (await app.Admin().GetAsync("/admin/locations?includeArchived=true&limit=100")).Json()).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task Create_FulfilsTheDefaultChannel_UnlessToldOtherwise()
    {
        var created = await (await app.Admin().PostJson("/admin/locations", new
        {
            name = "Main warehouse",
            kind = "warehouse",
            priority = 10,
            address = new { line1 = "1 Dock Road", city = "Leeds", postalCode = "LS1 1AA", countryCode = "gb" },
        })).Json(HttpStatusCode.Created);
        Assert.Equal("Main warehouse", created.Str("name"));
        Assert.Equal("warehouse", created.Str("kind"));
        Assert.Equal(10, created.GetProperty("priority").GetInt32());
        Assert.Equal("GB", created.GetProperty("address").Str("countryCode"));
        Assert.Equal([await DefaultChannelAsync()], created.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKindNull, created.GetProperty("archivedAt").ValueKind);

        var read = await (await app.Admin().GetAsync($"/admin/locations/{created.Str("id")}")).Json();
        Assert.Equal(created.GetRawText(), read.GetRawText());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Create_WithChannels_LinksExactlyThose()
    {
        var channel = await (await app.Admin().PostJson("/admin/channels", new { name = InventoryData.Unique("Wholesale") })).Json(HttpStatusCode.Created);
        var created = await (await app.Admin().PostJson("/admin/locations", new
        {
            name = "Dropshipper",
            kind = "dropship",
            channels = new[] { channel.Str("id") },
        })).Json(HttpStatusCode.Created);
        Assert.Equal([channel.Str("id")], created.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));

        var none = await (await app.Admin().PostJson("/admin/locations", new { name = "Back room", kind = "retail", channels = Array.Empty<string>() }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(0, none.GetProperty("channels").GetArrayLength());
    }

    [Fact]
    public async Task List_IsInPriorityOrder_AndPagesWithACursor()
    {
        var ids = new List<string>();
        foreach (var priority in new[] { 903, 901, 902 }) ids.Add(await InventoryData.LocationAsync(app.Admin(), priority));
        var seen = new List<System.Text.Json.JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await app.Admin().GetAsync("/admin/locations?limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).Json();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(seen.Count, seen.Select(l => l.Str("id")).Distinct().Count());
        var priorities = seen.Select(l => l.GetProperty("priority").GetInt32()).ToList();
        Assert.Equal(priorities.Order(), priorities);
        Assert.Equal([ids[1], ids[2], ids[0]], seen.Where(l => ids.Contains(l.Str("id"))).Select(l => l.Str("id")));
    }

    [Fact]
    public async Task Patch_MergesFields_AndReplacesChannels()
    {
        var id = await InventoryData.LocationAsync(app.Admin(), priority: 5);
        var patched = await (await app.Admin().PatchJson($"/admin/locations/{id}", new { priority = 7, kind = "retail", channels = Array.Empty<string>() })).Json();
        Assert.Equal(7, patched.GetProperty("priority").GetInt32());
        Assert.Equal("retail", patched.Str("kind"));
        Assert.Equal(0, patched.GetProperty("channels").GetArrayLength());
        Assert.StartsWith("Location-", patched.Str("name"));

        var restored = await (await app.Admin().SendRaw(HttpMethod.Patch, $"/admin/locations/{id}", """{"channels":null}""", "application/merge-patch+json")).Json();
        Assert.Equal([await DefaultChannelAsync()], restored.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Patch_WithInvalidFields_Is400_AndChangesNothing()
    {
        var id = await InventoryData.LocationAsync(app.Admin(), priority: 5);
        (await (await app.Admin().PatchJson($"/admin/locations/{id}", new { priority = 1001, name = "" })).Problem(HttpStatusCode.BadRequest, "validation.failed"))
            .HasFieldError("priority").HasFieldError("name");
        (await (await app.Admin().PatchJson($"/admin/locations/{id}", new { colour = "red" })).Problem(HttpStatusCode.BadRequest, "request.unknown_field"))
            .HasFieldError("colour");
        var read = await (await app.Admin().GetAsync($"/admin/locations/{id}")).Json();
        Assert.Equal(5, read.GetProperty("priority").GetInt32());
        await (await app.Admin().PatchJson($"/admin/locations/{Guid.NewGuid()}", new { priority = 1 })).Problem(HttpStatusCode.NotFound, "inventory.location_not_found");
    }

    [Fact]
    public async Task Archive_HidesItFromTheList_AndKeepsIt()
    {
        var id = await InventoryData.LocationAsync(app.Admin());
        var archived = await (await app.Admin().DeleteAsync($"/admin/locations/{id}")).Json();
        Assert.NotEqual(JsonValueKindNull, archived.GetProperty("archivedAt").ValueKind);
        await (await app.Admin().DeleteAsync($"/admin/locations/{id}")).Json();
        var live = await (await app.Admin().GetAsync("/admin/locations?limit=100")).Json();
        Assert.DoesNotContain(live.GetProperty("items").EnumerateArray(), l => l.Str("id") == id);
        var all = await (await app.Admin().GetAsync("/admin/locations?limit=100&includeArchived=true")).Json();
        Assert.Contains(all.GetProperty("items").EnumerateArray(), l => l.Str("id") == id);
        await (await app.Admin().DeleteAsync($"/admin/locations/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound, "inventory.location_not_found");
    }

    [Fact]
    public async Task Create_WithInvalidFields_NamesEach_AndCreatesNothing()
    {
        var before = await CountAsync();
        var problem = await (await app.Admin().PostJson("/admin/locations", new
        {
            name = new string('x', 201),
            priority = -1,
            address = new { countryCode = "XX", postalCode = new string('9', 21) },
            channels = new[] { Guid.NewGuid().ToString() },
        })).Problem(HttpStatusCode.BadRequest, "validation.failed");
        problem.HasFieldError("name").HasFieldError("priority").HasFieldError("address.countryCode")
            .HasFieldError("address.postalCode").HasFieldError("channels[0]");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("""{"kind":"warehouse"}""", "request.missing_field", "name")]
    [InlineData("""{"name":"x","priority":"high"}""", "request.invalid_field", "priority")]
    [InlineData("""{"name":"x","kind":"castle"}""", "request.invalid_field", "kind")]
    [InlineData("""{"name":"x","colour":"red"}""", "request.unknown_field", "colour")]
    [InlineData("""{"name":"x","channels":["not-a-uuid"]}""", "request.invalid_field", "channels[0]")]
    [InlineData("""{"name": "x",""", "request.malformed_json", "body")]
    public async Task Create_WithABadBody_Is400NamingTheField(string body, string code, string field)
    {
        var before = await CountAsync();
        (await (await app.Admin().SendRaw(HttpMethod.Post, "/admin/locations", body)).Problem(HttpStatusCode.BadRequest, code)).HasFieldError(field);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task UnknownLocation_Is404() =>
        await (await app.Admin().GetAsync($"/admin/locations/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound, "inventory.location_not_found");

    [Fact]
    public async Task ReadOnlyKey_CanReadStock_ButNotChangeIt()
    {
        var key = (await (await app.Admin().PostJson("/admin/api-keys",
            new { name = "stock viewer", kind = "secret", permissions = new[] { "inventory:read" } })).Json(HttpStatusCode.Created)).Str("key");
        await (await app.Admin(key).GetAsync("/admin/locations")).Json();
        await (await app.Admin(key).GetAsync("/admin/inventory/levels")).Json();
        var problem = await (await app.Admin(key).PostJson("/admin/locations", new { name = "x" })).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Contains("inventory:write", problem.Str("detail"));
        await (await app.Admin(key).PostJson("/admin/inventory/reservations", new { variantId = Guid.NewGuid(), quantity = 1 }))
            .Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.Admin(key: null).GetAsync("/admin/inventory/ledger")).Problem(HttpStatusCode.Unauthorized, "auth.missing_key");
    }
}
