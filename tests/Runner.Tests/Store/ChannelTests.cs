using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Store;

public class ChannelTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task DefaultOnlineStore_Exists()
    {
        var list = await (await app.Admin().GetAsync("/admin/channels")).Json();
        var first = list.GetProperty("items")[0];
        Assert.Equal("Online Store", first.Str("name"));
        Assert.True(first.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task Create_DerivesTheHandle_AndRefusesADuplicate()
    {
        var name = "Wholesale " + Guid.NewGuid().ToString("N")[..6];
        var created = await (await app.Admin().PostJson("/admin/channels", new { name })).Json(HttpStatusCode.Created);
        Assert.Equal(name.ToLowerInvariant().Replace(' ', '-'), created.Str("handle"));
        await (await app.Admin().PostJson("/admin/channels", new { name })).Problem(HttpStatusCode.Conflict, "store.channel_handle_taken");
    }

    [Fact]
    public async Task Patch_Renames_AndArchiveHidesIt()
    {
        var created = await (await app.Admin().PostJson("/admin/channels", new { name = "Pop-up " + Guid.NewGuid().ToString("N")[..6] })).Json(HttpStatusCode.Created);
        var id = created.Str("id");
        var renamed = await (await app.Admin().PatchJson($"/admin/channels/{id}", new { name = "Summer market" })).Json();
        Assert.Equal("Summer market", renamed.Str("name"));
        await (await app.Admin().DeleteAsync($"/admin/channels/{id}")).Json(HttpStatusCode.NoContent);
        var list = await (await app.Admin().GetAsync("/admin/channels")).Json();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.Str("id") == id);
    }

    [Fact]
    public async Task WebOrigins_AreNormalised_AndTheRelyingPartyMustCoverThem()
    {
        var created = await (await app.Admin().PostJson("/admin/channels", new
        {
            name = "Web " + Guid.NewGuid().ToString("N")[..6],
            allowedOrigins = new[] { "https://Shop.Example.com:443/", "http://localhost:3000", "https://shop.example.com" },
        })).Json(HttpStatusCode.Created);
        Assert.Equal(["https://shop.example.com", "http://localhost:3000"], created.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        var id = created.Str("id");

        var patched = await (await app.Admin().PatchJson($"/admin/channels/{id}", new
        {
            allowedOrigins = new[] { "https://shop.example.com", "https://m.shop.example.com" }, relyingPartyId = "Example.com",
        })).Json();
        Assert.Equal("example.com", patched.Str("relyingPartyId"));

        foreach (var bad in new[] { "http://shop.example.com", "https://shop.example.com/path", "ftp://x.example", "shop.example.com", "https://a.example?x=1" })
            await (await app.Admin().PatchJson($"/admin/channels/{id}", new { allowedOrigins = new[] { bad } }))
                .Problem(HttpStatusCode.BadRequest, "store.invalid_origin");
        await (await app.Admin().PatchJson($"/admin/channels/{id}", new { relyingPartyId = "other.org" }))
            .Problem(HttpStatusCode.BadRequest, "store.relying_party_mismatch");
        await (await app.Admin().PatchJson($"/admin/channels/{id}", new { relyingPartyId = "127.0.0.1" }))
            .Problem(HttpStatusCode.BadRequest, "store.invalid_relying_party");
        var unchanged = await (await app.Admin().GetAsync("/admin/channels")).Json();
        var row = unchanged.GetProperty("items").EnumerateArray().Single(c => c.Str("id") == id);
        Assert.Equal(2, row.GetProperty("allowedOrigins").GetArrayLength());
        Assert.Equal("example.com", row.Str("relyingPartyId"));
    }

    [Fact]
    public async Task DefaultChannel_CannotBeArchived()
    {
        var list = await (await app.Admin().GetAsync("/admin/channels")).Json();
        var id = list.GetProperty("items")[0].Str("id");
        await (await app.Admin().DeleteAsync($"/admin/channels/{id}")).Problem(HttpStatusCode.UnprocessableEntity, "store.default_channel");
    }

    [Fact]
    public async Task UnknownChannel_Is404() =>
        await (await app.Admin().PatchJson($"/admin/channels/{Guid.NewGuid()}", new { name = "x" })).Problem(HttpStatusCode.NotFound, "store.channel_not_found");

    [Fact]
    public async Task PublishableKey_ForAChannel_IsCreatedAndShown()
    {
        var channel = await (await app.Admin().PostJson("/admin/channels", new { name = "App " + Guid.NewGuid().ToString("N")[..6] })).Json(HttpStatusCode.Created);
        var key = await (await app.Admin().PostJson("/admin/api-keys", new { name = "app storefront", kind = "publishable", channelId = channel.Str("id") })).Json(HttpStatusCode.Created);
        Assert.StartsWith("pk_", key.Str("key"));
        Assert.Equal(channel.Str("id"), key.GetProperty("apiKey").Str("channelId"));
        Assert.Equal(key.Str("key"), key.GetProperty("apiKey").Str("token"));
    }
}
