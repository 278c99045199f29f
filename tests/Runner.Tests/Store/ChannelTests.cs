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
