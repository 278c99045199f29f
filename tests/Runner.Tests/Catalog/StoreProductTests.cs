using System.Net;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.Catalog;

namespace Runner.Tests.Catalog;

public class StoreProductTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private readonly HttpClient _admin = app.Admin();
    private readonly HttpClient _store = app.Store();

    private async Task<List<string>> StoreTitles(string query) => (await (await _store.GetAsync("/store/products?" + query)).Json()).Titles();

    [Fact]
    public async Task StoreEndpoints_NeedAPublishableKey()
    {
        await (await app.Store(key: null).GetAsync("/store/products")).Problem(HttpStatusCode.Unauthorized, "auth.missing_publishable_key");
        await (await app.Store("pk_Unknown0123456789abcdefghijklmnopqrstu").GetAsync("/store/products")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_key");
        var withAdminKey = app.Store(key: null);
        withAdminKey.DefaultRequestHeaders.Add("X-Publishable-Key", RunnerApp.AdminKey);
        await (await withAdminKey.GetAsync("/store/products")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_key");
    }

    [Fact]
    public async Task List_ShowsOnlyActiveProductsOfTheKeysChannel()
    {
        var tag = Unique("vis");
        await _admin.CreateSimple("Active " + tag, tags: [tag]);
        await _admin.CreateSimple("Draft " + tag, tags: [tag], status: "draft");
        var archived = await _admin.CreateSimple("Archived " + tag, tags: [tag]);
        await _admin.DeleteAsync($"/admin/products/{archived.Str("id")}");
        var channel = await (await _admin.PostJson("/admin/channels", new { name = Unique("Wholesale") })).Json(HttpStatusCode.Created);
        await _admin.CreateProduct(new
        {
            title = "Wholesale only " + tag, status = "active", tags = new[] { tag }, channels = new[] { channel.Str("id") },
            variants = new[] { new { sku = Unique("W"), options = new { }, price = Usd(100) } },
        });
        Assert.Equal(["Active " + tag], await StoreTitles($"tag={tag}"));
        var key = await (await _admin.PostJson("/admin/api-keys", new { name = "wholesale", kind = "publishable", channelId = channel.Str("id") })).Json(HttpStatusCode.Created);
        var wholesale = await (await app.Store(key.Str("key")).GetAsync($"/store/products?tag={tag}")).Json();
        Assert.Equal(["Wholesale only " + tag], wholesale.Titles());
    }

    [Fact]
    public async Task Item_HasTheContractFields()
    {
        var sku = Unique("F");
        var created = await _admin.CreateProduct(SizedProduct("Field Jacket " + sku, sku, 12900, tags: [sku]));
        var item = (await (await _store.GetAsync($"/store/products?tag={sku}")).Json()).Items().Single();
        Assert.Equal(created.Str("id"), item.Str("id"));
        Assert.Equal(created.Str("handle"), item.Str("handle"));
        Assert.Contains("made to last", item.Str("description"));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, item.GetProperty("media").ValueKind);
        var variant = item.GetProperty("variants")[0];
        foreach (var field in new[] { "id", "sku", "options", "price", "compareAtPrice", "available" }) Assert.True(variant.TryGetProperty(field, out _), field);
        Assert.Equal(12900, variant.GetProperty("price").Long("amount"));
        Assert.Equal(0, variant.Long("available"));
        Assert.False(variant.GetProperty("availableForSale").GetBoolean());
    }

    [Fact]
    public async Task Filters_TagTypeVendorAndPrice_Combine()
    {
        var tag = Unique("flt");
        await _admin.CreateSimple("Cheap mug " + tag, 500, tags: [tag], vendor: "Potter", type: "Mug");
        await _admin.CreateSimple("Dear mug " + tag, 5000, tags: [tag], vendor: "Potter", type: "Mug");
        await _admin.CreateSimple("Dear bowl " + tag, 5000, tags: [tag], vendor: "Potter", type: "Bowl");
        await _admin.CreateSimple("Other vendor mug " + tag, 5000, tags: [tag], vendor: "Glazer", type: "Mug");
        Assert.Equal(["Dear mug " + tag], await StoreTitles($"tag={tag}&type=mug&vendor=potter&minPrice=1000"));
        Assert.Equal(["Cheap mug " + tag], await StoreTitles($"tag={tag.ToUpperInvariant()}&maxPrice=999"));
        Assert.Equal(3, (await StoreTitles($"tag={tag}&type=Mug")).Count);
    }

    [Fact]
    public async Task Sorts_AndCursorPaging_AreStable()
    {
        var tag = Unique("srt");
        var prices = new[] { 3000L, 1000, 2000, 1000, 5000 };
        for (var i = 0; i < prices.Length; i++) await _admin.CreateSimple($"Item {(char)('E' - i)} {tag}", prices[i], tags: [tag]);
        Assert.Equal(["A", "B", "C", "D", "E"], (await StoreTitles($"tag={tag}&sort=title")).Select(t => t.Split(' ')[1]));
        Assert.Equal(["E", "D", "C", "B", "A"], (await StoreTitles($"tag={tag}&sort=-title")).Select(t => t.Split(' ')[1]));
        Assert.Equal([1000L, 1000, 2000, 3000, 5000], await Prices($"tag={tag}&sort=price"));
        Assert.Equal([5000L, 3000, 2000, 1000, 1000], await Prices($"tag={tag}&sort=-price"));
        Assert.Equal(["A", "B", "C", "D", "E"], (await StoreTitles($"tag={tag}&sort=newest")).Select(t => t.Split(' ')[1]));

        foreach (var sort in new[] { "title", "-title", "price", "-price", "newest" })
        {
            var all = await StoreTitles($"tag={tag}&sort={sort}");
            var paged = new List<string>();
            string? cursor = null;
            do
            {
                var page = await (await _store.GetAsync($"/store/products?tag={tag}&sort={sort}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).Json();
                paged.AddRange(page.Titles());
                cursor = page.GetProperty("nextCursor").GetString();
            } while (cursor is not null);
            Assert.Equal(all, paged);
        }
    }

    private async Task<List<long>> Prices(string query) =>
        [.. (await (await _store.GetAsync("/store/products?" + query)).Json()).Items().Select(i => i.GetProperty("variants")[0].GetProperty("price").Long("amount"))];

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("currency=XYZ", "currency")]
    [InlineData("currency=GBP", "currency")]
    [InlineData("inStock=maybe", "inStock")]
    public async Task BadQuery_Is400NamingTheParameter(string query, string field) =>
        (await (await _store.GetAsync("/store/products?" + query)).Json(HttpStatusCode.BadRequest)).HasFieldError(field);

    [Fact]
    public async Task CursorOfAnotherOrder_IsRefused()
    {
        var tag = Unique("cur");
        for (var i = 0; i < 3; i++) await _admin.CreateSimple($"C{i} {tag}", tags: [tag]);
        var page = await (await _store.GetAsync($"/store/products?tag={tag}&sort=title&limit=1")).Json();
        var cursor = page.GetProperty("nextCursor").GetString();
        (await (await _store.GetAsync($"/store/products?tag={tag}&sort=price&cursor={cursor}")).Json(HttpStatusCode.BadRequest)).HasFieldError("cursor");
    }

    [Fact]
    public async Task ByHandle_FindsTheProduct_Or404()
    {
        var created = await _admin.CreateSimple(Unique("Handle Test"));
        var found = await (await _store.GetAsync($"/store/products/{created.Str("handle")}")).Json();
        Assert.Equal(created.Str("id"), found.Str("id"));
        await (await _store.GetAsync("/store/products/no-such-thing")).Problem(HttpStatusCode.NotFound, "catalog.product_not_found");
    }

    [Fact]
    public async Task Search_MatchesTitleDescriptionSkuAndTags_RankingTitleFirst()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        await _admin.CreateProduct(new
        {
            title = "Plain cup", status = "active", description = $"<p>Glazed by hand; pairs with the {word} saucer.</p>",
            variants = new[] { new { sku = Unique("S1"), options = new { }, price = Usd(100) } },
        });
        await _admin.CreateSimple($"The {word} teapot");
        await _admin.CreateSimple("Tagged kettle", tags: [word]);
        var skuWord = "sk" + Guid.NewGuid().ToString("N")[..8];
        await _admin.CreateSimple("Coded spoon", sku: $"{skuWord.ToUpperInvariant()}-42");
        var results = await StoreTitles($"q={word}");
        Assert.Equal(3, results.Count);
        Assert.Equal($"The {word} teapot", results[0]);
        Assert.Equal("Plain cup", results[^1]);
        Assert.Equal(["Coded spoon"], await StoreTitles($"q={skuWord}-42"));
        Assert.Equal([$"The {word} teapot"], await StoreTitles($"q={word[..6]}%20teap"));
        // Operators and quotes are not query syntax: this finds nothing rather than everything (or an error).
        Assert.Empty(await StoreTitles("q=%22%27%20OR%20%27zzqx%27%3D%27zzqx%27%20--"));
        Assert.Empty(await StoreTitles("q=NEAR(a%20b)%20OR%20*"));
    }

    [Fact]
    public async Task Search_WithASort_UsesTheSort_AndPages()
    {
        var word = "zs" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++) await _admin.CreateSimple($"{(char)('A' + i)} {word}", 100 * (5 - i));
        Assert.Equal(["E", "D", "C", "B", "A"], (await StoreTitles($"q={word}&sort=price")).Select(t => t[..1]));
        var first = await (await _store.GetAsync($"/store/products?q={word}&limit=2")).Json();
        var second = await (await _store.GetAsync($"/store/products?q={word}&limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).Json();
        Assert.Empty(first.Titles().Intersect(second.Titles()));
        Assert.Equal(2, second.Titles().Count);
    }
}
