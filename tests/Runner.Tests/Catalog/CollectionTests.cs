using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.Catalog;

namespace Runner.Tests.Catalog;

public class CollectionTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private readonly HttpClient _admin = app.Admin();
    private readonly HttpClient _store = app.Store();

    private async Task<List<string>> StoreTitles(string query) => (await (await _store.GetAsync("/store/products?" + query)).Json()).Titles();

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412_AndChangesNothing()
    {
        var created = await (await _admin.PostJson("/admin/collections", new { title = "Versioned " + Unique("ver") })).Json(HttpStatusCode.Created);
        var url = $"/admin/collections/{created.Str("id")}";
        var read = await _admin.GetAsync(url);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal($"\"{(await read.Json()).GetProperty("version").GetInt64()}\"", etag);

        var first = new HttpRequestMessage(HttpMethod.Patch, url) { Content = System.Net.Http.Json.JsonContent.Create(new { seoTitle = "First writer" }) };
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        var saved = await _admin.SendAsync(first);
        await saved.Json();
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Patch, url) { Content = System.Net.Http.Json.JsonContent.Create(new { seoTitle = "Second writer" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await _admin.SendAsync(stale)).Problem(HttpStatusCode.PreconditionFailed, "catalog.collection_version_mismatch");
        Assert.Equal("First writer", (await (await _admin.GetAsync(url)).Json()).Str("seoTitle"));

        // Archiving from the old read is refused too, and from the current one goes ahead.
        var staleArchive = new HttpRequestMessage(HttpMethod.Delete, url);
        staleArchive.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await _admin.SendAsync(staleArchive)).Problem(HttpStatusCode.PreconditionFailed, "catalog.collection_version_mismatch");
        Assert.Equal(JsonValueKind.Null, (await (await _admin.GetAsync(url)).Json()).GetProperty("archivedAt").ValueKind);
        var archive = new HttpRequestMessage(HttpMethod.Delete, url);
        archive.Headers.TryAddWithoutValidation("If-Match", saved.Headers.ETag!.Tag);
        Assert.NotEqual(JsonValueKind.Null, (await (await _admin.SendAsync(archive)).Json()).GetProperty("archivedAt").ValueKind);
    }

    [Fact]
    public async Task Manual_KeepsItsOrder_OnTheStorefront()
    {
        var tag = Unique("man");
        var ids = new List<string>();
        foreach (var name in new[] { "Alpha", "Bravo", "Charlie" }) ids.Add((await _admin.CreateSimple($"{name} {tag}", tags: [tag])).Str("id"));
        var collection = await (await _admin.PostJson("/admin/collections", new { title = "Staff picks " + tag, productIds = new[] { ids[2], ids[0], ids[1] } })).Json(HttpStatusCode.Created);
        Assert.Equal(3, collection.GetProperty("productCount").GetInt32());
        Assert.Equal(["Charlie", "Alpha", "Bravo"], (await StoreTitles($"collection={collection.Str("handle")}")).Select(t => t.Split(' ')[0]));
        Assert.Equal(["Alpha", "Bravo", "Charlie"], (await StoreTitles($"collection={collection.Str("id")}&sort=title")).Select(t => t.Split(' ')[0]));
        await (await _admin.PatchJson($"/admin/collections/{collection.Str("id")}", new { productIds = new[] { ids[1] } })).Json();
        Assert.Equal(["Bravo"], (await StoreTitles($"collection={collection.Str("handle")}")).Select(t => t.Split(' ')[0]));
    }

    /// <summary>
    /// The product directory (what analytics counts orders under) is answered from memory once read: a product's title
    /// and collections change with every catalog change all the same.
    /// </summary>
    [Fact]
    public async Task TheProductDirectory_FollowsTitleAndMembershipChanges()
    {
        var tag = Unique("dir");
        var product = await _admin.CreateSimple("Parka " + tag);
        var id = new ProductId(Guid.Parse(product.Str("id")));
        async Task<ProductSummary?> Find(ProductId? other = null)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var found = await scope.ServiceProvider.GetRequiredService<IProductDirectory>().FindAsync([other ?? id, id]);
            return found.GetValueOrDefault(other ?? id);
        }
        Assert.Empty((await Find())!.Collections);
        var collection = await (await _admin.PostJson("/admin/collections", new { title = "Coats " + tag, productIds = new[] { id.Value } }))
            .Json(HttpStatusCode.Created);
        var collectionId = new CollectionId(Guid.Parse(collection.Str("id")));
        Assert.Equal([collectionId], (await Find())!.Collections);
        Assert.Equal([collectionId], (await Find())!.Collections); // from memory

        await (await _admin.PatchJson($"/admin/products/{id.Value}", new { title = "Long parka " + tag })).Json();
        Assert.Equal("Long parka " + tag, (await Find())!.Title);
        await (await _admin.PatchJson($"/admin/collections/{collectionId.Value}", new { productIds = Array.Empty<Guid>() })).Json();
        Assert.Empty((await Find())!.Collections);
        Assert.Null(await Find(new ProductId(Guid.NewGuid())));
    }

    [Fact]
    public async Task RuleBased_FollowsProductChanges()
    {
        var tag = Unique("rule");
        var inside = await _admin.CreateSimple("Sunhat " + tag, 1500, tags: [tag, "summer"]);
        await _admin.CreateSimple("Scarf " + tag, 1500, tags: [tag, "winter"]);
        var collection = await (await _admin.PostJson("/admin/collections", new
        {
            title = "Summer under 20 " + tag, kind = "rule", matchAll = true,
            rules = new object[]
            {
                new { field = "tag", relation = "equals", value = "Summer" },
                new { field = "price", relation = "less_than", value = "2000" },
                new { field = "title", relation = "contains", value = tag },
            },
        })).Json(HttpStatusCode.Created);
        var handle = collection.Str("handle");
        Assert.Equal(["Sunhat " + tag], await StoreTitles($"collection={handle}"));
        var sandals = await _admin.CreateSimple("Sandals " + tag, 1800, tags: [tag, "summer"]);
        Assert.Equal(2, (await StoreTitles($"collection={handle}")).Count);
        await (await _admin.PatchJson($"/admin/products/{inside.Str("id")}", new { tags = new[] { tag } })).Json();
        Assert.Equal(["Sandals " + tag], await StoreTitles($"collection={handle}"));
        await _admin.PostJson("/admin/products/prices", new { items = new[] { new { variantId = sandals.GetProperty("variants")[0].Str("id"), price = Usd(2500) } } });
        await (await _admin.PatchJson($"/admin/products/{sandals.Str("id")}", new { title = "Sandals " + tag })).Json();
        Assert.Empty(await StoreTitles($"collection={handle}"));
    }

    [Fact]
    public async Task Nested_ParentIncludesItsChildrensProducts()
    {
        var tag = Unique("nest");
        var parent = await (await _admin.PostJson("/admin/collections", new { title = "Clothing " + tag })).Json(HttpStatusCode.Created);
        var child = await (await _admin.PostJson("/admin/collections", new
        {
            title = "Shirts " + tag, parentId = parent.Str("id"),
            productIds = new[] { (await _admin.CreateSimple("Oxford " + tag)).Str("id") },
        })).Json(HttpStatusCode.Created);
        await (await _admin.PostJson("/admin/collections", new
        {
            title = "Trousers " + tag, parentId = parent.Str("id"),
            productIds = new[] { (await _admin.CreateSimple("Chino " + tag)).Str("id") },
        })).Json(HttpStatusCode.Created);
        Assert.Equal(2, (await StoreTitles($"collection={parent.Str("handle")}")).Count);
        Assert.Equal(["Oxford " + tag], await StoreTitles($"collection={child.Str("handle")}"));
        (await (await _admin.PatchJson($"/admin/collections/{parent.Str("id")}", new { parentId = child.Str("id") })).Json(HttpStatusCode.BadRequest))
            .HasFieldError("parentId");
        var tree = await (await _store.GetAsync("/store/collections")).Json();
        Assert.Contains(tree.Items(), c => c.Str("handle") == child.Str("handle") && c.Str("parentId") == parent.Str("id"));
        Assert.Equal(child.Str("id"), (await (await _store.GetAsync($"/store/collections/{child.Str("handle")}")).Json()).Str("id"));
    }

    [Theory]
    [InlineData("{\"title\":\"x\",\"kind\":\"rule\"}", "rules")]
    [InlineData("{\"title\":\"x\",\"kind\":\"rule\",\"rules\":[{\"field\":\"price\",\"relation\":\"contains\",\"value\":\"1\"}]}", "rules[0].relation")]
    [InlineData("{\"title\":\"x\",\"kind\":\"rule\",\"rules\":[{\"field\":\"price\",\"relation\":\"less_than\",\"value\":\"cheap\"}]}", "rules[0].value")]
    [InlineData("{\"title\":\"x\",\"rules\":[{\"field\":\"tag\",\"relation\":\"equals\",\"value\":\"a\"}]}", "rules")]
    [InlineData("{\"title\":\"x\",\"productIds\":[\"00000000-0000-0000-0000-000000000001\"]}", "productIds[0]")]
    [InlineData("{\"title\":\"x\",\"parentId\":\"00000000-0000-0000-0000-000000000001\"}", "parentId")]
    [InlineData("{\"title\":\"\"}", "title")]
    public async Task BadCollections_Are400NamingTheField(string body, string field) =>
        (await (await _admin.SendRaw(HttpMethod.Post, "/admin/collections", body)).Json(HttpStatusCode.BadRequest)).HasFieldError(field);

    [Fact]
    public async Task Archive_HidesTheCollectionFromTheStorefront()
    {
        var collection = await (await _admin.PostJson("/admin/collections", new { title = Unique("Old season") })).Json(HttpStatusCode.Created);
        await (await _admin.DeleteAsync($"/admin/collections/{collection.Str("id")}")).Json();
        await (await _store.GetAsync($"/store/collections/{collection.Str("handle")}")).Problem(HttpStatusCode.NotFound, "catalog.collection_not_found");
        Assert.Empty((await (await _store.GetAsync($"/store/products?collection={collection.Str("handle")}")).Json()).Items());
        var admin = await (await _admin.GetAsync("/admin/collections?includeArchived=true&limit=100")).Json();
        Assert.Contains(admin.Items(), c => c.Str("id") == collection.Str("id"));
    }
}
