using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

public class AdjustmentTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Received_CreatesTheLevel_AndOneLedgerRow()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        Assert.Null(await InventoryData.LevelAsync(admin, variant, location));

        var response = await (await admin.PostJson("/admin/inventory/adjustments",
            new { variantId = variant, locationId = location, delta = 12, reason = "received", note = "PO 4411" })).Json(HttpStatusCode.Created);
        var level = response.GetProperty("level");
        Assert.Equal(variant, level.Str("variantId"));
        Assert.Equal(location, level.Str("locationId"));
        Assert.Equal(12, level.Long("onHand"));
        Assert.Equal(0, level.Long("reserved"));
        Assert.Equal(12, level.Long("available"));
        var entry = response.GetProperty("entry");
        Assert.Equal(12, entry.Long("delta"));
        Assert.Equal(12, entry.Long("onHandAfter"));
        Assert.Equal("received", entry.Str("reason"));
        Assert.Equal("PO 4411", entry.Str("note"));
        Assert.StartsWith("api_key:", entry.Str("actor"));

        var listed = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
        Assert.Equal(12, listed.Long("onHand"));
        var ledger = await InventoryData.LedgerAsync(admin, variant, location);
        Assert.Equal(entry.Str("id"), Assert.Single(ledger).Str("id"));
    }

    [Fact]
    public async Task EveryReason_MovesOnHand_AndTheLedgerAddsUpToIt()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 20);
        await InventoryData.AdjustAsync(admin, variant, location, 2, "returned");
        await InventoryData.AdjustAsync(admin, variant, location, -3, "damaged");
        await InventoryData.AdjustAsync(admin, variant, location, -1, "correction");
        var counted = await (await admin.PostJson("/admin/inventory/adjustments",
            new { variantId = variant, locationId = location, reason = "counted", quantity = 15 })).Json(HttpStatusCode.Created);
        Assert.Equal(-3, counted.GetProperty("entry").Long("delta"));
        Assert.Equal(15, counted.GetProperty("level").Long("onHand"));

        var ledger = await InventoryData.LedgerAsync(admin, variant, location);
        Assert.Equal(["counted", "correction", "damaged", "returned", "received"], ledger.Select(e => e.Str("reason")));
        Assert.Equal(15, ledger.Sum(e => e.Long("delta")));
        Assert.Equal([15L, 18, 19, 22, 20], ledger.Select(e => e.Long("onHandAfter")));
    }

    [Fact]
    public async Task Removing_MoreThanIsOnHand_Is409_AndChangesNothing()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 4);
        var problem = await (await admin.PostJson("/admin/inventory/adjustments",
            new { variantId = variant, locationId = location, delta = -5, reason = "damaged" })).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(4, problem.Long("onHand"));
        Assert.Equal(4, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("onHand"));
        Assert.Single(await InventoryData.LedgerAsync(admin, variant, location));

        // On a level never touched, a removal creates nothing either.
        var other = await InventoryData.LocationAsync(admin);
        await (await admin.PostJson("/admin/inventory/adjustments",
            new { variantId = variant, locationId = other, delta = -1, reason = "correction" })).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Null(await InventoryData.LevelAsync(admin, variant, other));
    }

    [Theory]
    [InlineData("received", -2, null, "delta")]
    [InlineData("damaged", 2, null, "delta")]
    [InlineData("correction", 0, null, "delta")]
    [InlineData("counted", null, -1, "quantity")]
    [InlineData("counted", 3, 3, "delta")]
    public async Task Adjustment_AgainstItsReasonsRule_Is400NamingTheField(string reason, int? delta, int? quantity, string field)
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        var problem = await (await admin.PostJson("/admin/inventory/adjustments", new { variantId = variant, locationId = location, reason, delta, quantity }))
            .Json(HttpStatusCode.BadRequest);
        problem.HasFieldError(field);
        Assert.Null(await InventoryData.LevelAsync(admin, variant, location));
    }

    [Fact]
    public async Task UnknownIds_Are400NamingEachField()
    {
        var admin = app.Admin();
        var problem = await (await admin.PostJson("/admin/inventory/adjustments",
            new { variantId = Guid.NewGuid(), locationId = Guid.NewGuid(), delta = 1, reason = "received" })).Problem(HttpStatusCode.BadRequest, "validation.failed");
        problem.HasFieldError("variantId").HasFieldError("locationId");
        var location = await InventoryData.LocationAsync(admin);
        await (await admin.PostJson("/admin/inventory/adjustments",
            new { variantId = Guid.NewGuid(), locationId = location, delta = 1, reason = "received" })).Problem(HttpStatusCode.BadRequest, "inventory.unknown_variant");
    }

    [Theory]
    [InlineData("""{"variantId":"abc","locationId":"{location}","delta":1,"reason":"received"}""", "request.invalid_field", "variantId")]
    [InlineData("""{"variantId":"{variant}","locationId":"{location}","delta":"1","reason":"received"}""", "request.invalid_field", "delta")]
    [InlineData("""{"variantId":"{variant}","locationId":"{location}","delta":1.5,"reason":"received"}""", "request.invalid_field", "delta")]
    [InlineData("""{"variantId":"{variant}","locationId":"{location}","delta":1,"reason":"stolen"}""", "request.invalid_field", "reason")]
    [InlineData("""{"variantId":"{variant}","locationId":"{location}","delta":1,"reason":"received","by":"me"}""", "request.unknown_field", "by")]
    [InlineData("""{"variantId":"{variant}","delta":1,"reason":"received"}""", "request.missing_field", "locationId")]
    [InlineData("""{"variantId":"{variant}","locationId":"{location}","delta":-9223372036854775808,"reason":"correction"}""", "inventory.invalid_delta", "delta")]
    [InlineData("""{"variantId":"{variant}","locationId":"{location}","delta":9223372036854775808,"reason":"correction"}""", "request.invalid_field", "delta")]
    [InlineData(""""{"variantId":"{variant}","locationId":"{location}","delta":1,"reason":"received"""", "request.malformed_json", "body")]
    [InlineData("""[{"variantId":"{variant}"}]""", "request.invalid_field", "body")]
    [InlineData("""42""", "request.invalid_field", "body")]
    public async Task ABadBody_Is400NamingTheField_AndChangesNothing(string template, string code, string field)
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        var body = template.Replace("{variant}", variant).Replace("{location}", location);
        var problem = await (await admin.SendRaw(HttpMethod.Post, "/admin/inventory/adjustments", body)).Problem(HttpStatusCode.BadRequest, code);
        problem.HasFieldError(field);
        // Every message names what is wrong: a body that is not an object says so rather than naming an empty field.
        Assert.DoesNotContain("''", problem.Str("detail"));
        Assert.Null(await InventoryData.LevelAsync(admin, variant, location));
    }

    [Fact]
    public async Task Levels_FilterByLocation_AndPage()
    {
        var admin = app.Admin();
        var location = await InventoryData.LocationAsync(admin);
        var variants = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var variant = await InventoryData.VariantAsync(admin);
            variants.Add(variant);
            await InventoryData.AdjustAsync(admin, variant, location, i + 1);
        }
        var first = await (await admin.GetAsync($"/admin/inventory/levels?locationId={location}&limit=2")).Json();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var second = await (await admin.GetAsync($"/admin/inventory/levels?locationId={location}&limit=2&cursor={first.Str("nextCursor")}")).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(variants.Order(StringComparer.OrdinalIgnoreCase), all.Select(l => l.Str("variantId")).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(6, all.Sum(l => l.Long("onHand")));
        Assert.All(all, l => Assert.Equal(l.Long("onHand") - l.Long("reserved"), l.Long("available")));
    }

    [Theory]
    [InlineData("/admin/inventory/levels?cursor=garbage")]
    [InlineData("/admin/inventory/levels?cursor=WzEsMl0")]
    [InlineData("/admin/inventory/ledger?cursor=WyJ4IiwieSJd")]
    public async Task ACursorThisListDidNotWrite_Is400(string url) =>
        (await (await app.Admin().GetAsync(url)).Problem(HttpStatusCode.BadRequest, "paging.invalid_cursor")).HasFieldError("cursor");

    [Theory]
    [InlineData("/admin/inventory/levels?variantId=abc", "variantId")]
    [InlineData("/admin/inventory/levels?limit=0", "limit")]
    [InlineData("/admin/inventory/ledger?limit=101", "limit")]
    public async Task ABadQueryParameter_Is400NamingIt(string url, string field) =>
        (await (await app.Admin().GetAsync(url)).Json(HttpStatusCode.BadRequest)).HasFieldError(field);

    [Fact]
    public async Task Ledger_IsNewestFirst_AndPagesWithoutGapsOrRepeats()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        for (var i = 1; i <= 5; i++) await InventoryData.AdjustAsync(admin, variant, location, i);
        var seen = new List<System.Text.Json.JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"/admin/inventory/ledger?variantId={variant}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).Json();
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal([5L, 4, 3, 2, 1], seen.Select(e => e.Long("delta")));
        Assert.Equal([15L, 10, 6, 3, 1], seen.Select(e => e.Long("onHandAfter")));
    }
}
