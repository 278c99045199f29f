using System.Net;
using System.Net.Http.Headers;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Catalog;

public class ProductApiTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Create_Returns201_WithVariantIds_DerivedHandle_AndDefaultChannel()
    {
        var sku = Infrastructure.Catalog.Unique("LIN");
        var created = await _admin.CreateProduct(Infrastructure.Catalog.SizedProduct("Linen Shirt " + sku, sku, 4900));
        Assert.Equal(("linen-shirt-" + sku).ToLowerInvariant(), created.Str("handle"));
        var variants = created.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(3, variants.Count);
        Assert.All(variants, v => Assert.True(Guid.TryParse(v.Str("id"), out _)));
        Assert.Equal("S", variants[0].GetProperty("options").Str("Size"));
        Assert.Equal(4900, variants[0].GetProperty("price").Long("amount"));
        Assert.Equal("USD", variants[0].GetProperty("price").Str("currency"));
        var channels = await (await _admin.GetAsync("/admin/channels")).Json();
        Assert.Equal(channels.Items().First(c => c.GetProperty("isDefault").GetBoolean()).Str("id"), created.GetProperty("channels")[0].GetString());
        var read = await (await _admin.GetAsync($"/admin/products/{created.Str("id")}")).Json();
        Assert.Equal(created.Str("title"), read.Str("title"));
    }

    [Fact]
    public async Task Create_SanitizesTheDescription()
    {
        var created = await _admin.CreateProduct(new
        {
            title = Infrastructure.Catalog.Unique("Safe"), status = "draft",
            description = "<p onmouseover=\"steal()\">Soft <strong>cotton</strong></p><script>steal()</script>",
            variants = new[] { new { sku = Infrastructure.Catalog.Unique("S"), options = new { }, price = Infrastructure.Catalog.Usd(100) } },
        });
        Assert.Equal("<p>Soft <strong>cotton</strong></p>", created.Str("description"));
    }

    [Fact]
    public async Task Patch_ChangesTheImagesOfAProduct()
    {
        var created = await _admin.CreateSimple(Infrastructure.Catalog.Unique("Framed"));
        var first = await (await _admin.PatchJson($"/admin/products/{created.Str("id")}",
            new { media = new[] { new { url = "https://cdn.example/a.jpg" } } })).Json();
        Assert.Equal("https://cdn.example/a.jpg", first.GetProperty("media")[0].Str("url"));
        var second = await (await _admin.PatchJson($"/admin/products/{created.Str("id")}",
            new { media = new[] { new { url = "https://cdn.example/b.jpg" }, new { url = "https://cdn.example/a.jpg" } } })).Json();
        Assert.Equal(["https://cdn.example/b.jpg", "https://cdn.example/a.jpg"], second.GetProperty("media").EnumerateArray().Select(m => m.Str("url")));
    }

    [Fact]
    public async Task SameTitleTwice_GetsANumberedHandle_ButAnExplicitTakenHandleIs409()
    {
        var title = Infrastructure.Catalog.Unique("Mug");
        var first = await _admin.CreateSimple(title);
        var second = await _admin.CreateSimple(title);
        Assert.Equal(first.Str("handle") + "-2", second.Str("handle"));
        var response = await _admin.PostJson("/admin/products", new
        {
            title = "Other", status = "active", handle = first.Str("handle"),
            variants = new[] { new { sku = Infrastructure.Catalog.Unique("S"), options = new { }, price = Infrastructure.Catalog.Usd(100) } },
        });
        (await response.Problem(HttpStatusCode.Conflict, "catalog.handle_taken")).HasFieldError("handle");
    }

    [Fact]
    public async Task DuplicateSku_AcrossProducts_Is409_AndNothingIsCreated()
    {
        var sku = Infrastructure.Catalog.Unique("DUP");
        await _admin.CreateSimple(Infrastructure.Catalog.Unique("First"), sku: sku);
        var title = Infrastructure.Catalog.Unique("Second");
        var response = await _admin.PostJson("/admin/products", new
        {
            title, status = "active",
            variants = new[] { new { sku, options = new { }, price = Infrastructure.Catalog.Usd(100) } },
        });
        (await response.Problem(HttpStatusCode.Conflict, "catalog.sku_taken")).HasFieldError("variants[0].sku");
        var list = await (await _admin.GetAsync($"/admin/products?q={title}")).Json();
        Assert.Empty(list.Items());
    }

    [Theory]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":49.5,\"currency\":\"USD\"}}]}", "variants[0].price.amount")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":\"4900\",\"currency\":\"USD\"}}]}", "variants[0].price.amount")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":-1,\"currency\":\"USD\"}}]}", "variants[0].price.amount")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":99999999999999999999,\"currency\":\"USD\"}}]}", "variants[0].price.amount")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":100,\"currency\":\"XYZ\"}}]}", "variants[0].price.currency")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":100,\"currency\":\"EUR\"}}]}", "variants[0].price.currency")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"colour\":\"red\",\"variants\":[]}", "colour")]
    [InlineData("{\"title\":\"X\",\"status\":\"sold\",\"variants\":[]}", "status")]
    [InlineData("{\"status\":\"active\",\"variants\":[]}", "title")]
    [InlineData("{\"title\":\"X\",\"status\":\"archived\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":100,\"currency\":\"USD\"}}]}", "status")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"handle\":\"Not A Handle\",\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":100,\"currency\":\"USD\"}}]}", "handle")]
    [InlineData("{\"title\":\"X\",\"status\":\"active\",\"channels\":[\"00000000-0000-0000-0000-000000000001\"],\"variants\":[{\"sku\":\"A1\",\"options\":{},\"price\":{\"amount\":100,\"currency\":\"USD\"}}]}", "channels[0]")]
    public async Task Create_BadInput_Is400NamingTheField(string body, string field) =>
        (await (await _admin.SendRaw(HttpMethod.Post, "/admin/products", body)).Json(HttpStatusCode.BadRequest)).HasFieldError(field);

    [Fact]
    public async Task Get_UnknownId_Is404() =>
        await (await _admin.GetAsync($"/admin/products/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound, "catalog.product_not_found");

    [Fact]
    public async Task Patch_MergesFields_AndKeepsTheRest()
    {
        var sku = Infrastructure.Catalog.Unique("P");
        var created = await _admin.CreateProduct(Infrastructure.Catalog.SizedProduct(Infrastructure.Catalog.Unique("Tee"), sku, 2000, vendor: "Acme"));
        var id = created.Str("id");
        var patched = await (await _admin.SendRaw(HttpMethod.Patch, $"/admin/products/{id}",
            "{\"title\":\"Organic Tee\",\"vendor\":null,\"tags\":[\"organic\"]}", "application/merge-patch+json")).Json();
        Assert.Equal("Organic Tee", patched.Str("title"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("vendor").ValueKind);
        Assert.Equal(created.Str("handle"), patched.Str("handle"));
        Assert.Equal(3, patched.GetProperty("variants").GetArrayLength());
        Assert.True(patched.Long("version") > created.Long("version"));
    }

    [Fact]
    public async Task Patch_Variants_UpdatesByIdCreatesNewAndArchivesTheOmitted()
    {
        var sku = Infrastructure.Catalog.Unique("V");
        var created = await _admin.CreateProduct(Infrastructure.Catalog.SizedProduct(Infrastructure.Catalog.Unique("Hoodie"), sku, 5000, sizes: ["S", "M", "L", "XL"]));
        var v = created.GetProperty("variants").EnumerateArray().ToList();
        var body = new
        {
            variants = new object[]
            {
                new { id = v[0].Str("id"), sku = $"{sku}-S", options = new { Size = "S" }, price = Infrastructure.Catalog.Usd(4500) },
                new { id = v[1].Str("id"), sku = $"{sku}-M", options = new { Size = "M" }, price = Infrastructure.Catalog.Usd(5000) },
                new { sku = $"{sku}-XL2", options = new { Size = "XL" }, price = Infrastructure.Catalog.Usd(5600) },
            },
        };
        var patched = await (await _admin.PatchJson($"/admin/products/{created.Str("id")}", body)).Json();
        var after = patched.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(5, after.Count); // 3 live + 2 archived
        var live = after.Where(x => x.GetProperty("archivedAt").ValueKind == System.Text.Json.JsonValueKind.Null).ToList();
        Assert.Equal([v[0].Str("id"), v[1].Str("id")], live.Take(2).Select(x => x.Str("id")));
        Assert.Equal(4500, live[0].GetProperty("price").Long("amount"));
        Assert.Equal($"{sku}-XL2", live[2].Str("sku"));
        var archived = after.Where(x => x.GetProperty("archivedAt").ValueKind != System.Text.Json.JsonValueKind.Null).Select(x => x.Str("id")).ToList();
        Assert.Equal([v[2].Str("id"), v[3].Str("id")], archived);
        // An archived variant gives its SKU back.
        await _admin.CreateSimple(Infrastructure.Catalog.Unique("Reuse"), sku: $"{sku}-L");
    }

    [Fact]
    public async Task Patch_UnknownVariantId_Is400()
    {
        var created = await _admin.CreateSimple(Infrastructure.Catalog.Unique("Cap"));
        var response = await _admin.PatchJson($"/admin/products/{created.Str("id")}", new
        {
            variants = new[] { new { id = Guid.NewGuid(), sku = Infrastructure.Catalog.Unique("X"), options = new { }, price = Infrastructure.Catalog.Usd(10) } },
        });
        (await response.Problem(HttpStatusCode.BadRequest, "catalog.unknown_variant")).HasFieldError("variants[0].id");
    }

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412_AndChangesNothing()
    {
        var created = await _admin.CreateSimple(Infrastructure.Catalog.Unique("Bag"));
        var id = created.Str("id");
        var read = await _admin.GetAsync($"/admin/products/{id}");
        var etag = read.Headers.ETag!;
        await (await _admin.PatchJson($"/admin/products/{id}", new { title = "First writer" })).Json();
        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/admin/products/{id}") { Content = System.Net.Http.Json.JsonContent.Create(new { title = "Second writer" }) };
        stale.Headers.IfMatch.Add(etag);
        await (await _admin.SendAsync(stale)).Problem(HttpStatusCode.PreconditionFailed, "catalog.version_mismatch");
        Assert.Equal("First writer", (await (await _admin.GetAsync($"/admin/products/{id}")).Json()).Str("title"));

        // Archiving honours If-Match the same way: the old read's ETag is refused, the current one archives.
        var staleArchive = new HttpRequestMessage(HttpMethod.Delete, $"/admin/products/{id}");
        staleArchive.Headers.IfMatch.Add(etag);
        await (await _admin.SendAsync(staleArchive)).Problem(HttpStatusCode.PreconditionFailed, "catalog.version_mismatch");
        var current = await _admin.GetAsync($"/admin/products/{id}");
        Assert.Equal("active", (await current.Json()).Str("status"));
        var archive = new HttpRequestMessage(HttpMethod.Delete, $"/admin/products/{id}");
        archive.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal("archived", (await (await _admin.SendAsync(archive)).Json()).Str("status"));
    }

    [Fact]
    public async Task Delete_Archives_ButKeepsTheProductReadable()
    {
        var created = await _admin.CreateSimple(Infrastructure.Catalog.Unique("Old"));
        var id = created.Str("id");
        var archived = await (await _admin.DeleteAsync($"/admin/products/{id}")).Json();
        Assert.Equal("archived", archived.Str("status"));
        Assert.Equal("archived", (await (await _admin.GetAsync($"/admin/products/{id}")).Json()).Str("status"));
        await (await app.Store().GetAsync($"/store/products/{created.Str("handle")}")).Problem(HttpStatusCode.NotFound, "catalog.product_not_found");
        var list = await (await _admin.GetAsync("/admin/products?status=archived&limit=100")).Json();
        Assert.Contains(list.Items(), p => p.Str("id") == id);
    }

    [Fact]
    public async Task PatchVariant_ChangesOneVariant_AndNamesItsOwnFields()
    {
        var sku = Infrastructure.Catalog.Unique("PV");
        var created = await _admin.CreateProduct(Infrastructure.Catalog.SizedProduct(Infrastructure.Catalog.Unique("Sock"), sku, 900));
        var variant = created.GetProperty("variants")[1];
        var url = $"/admin/products/{created.Str("id")}/variants/{variant.Str("id")}";
        var patched = await (await _admin.PatchJson(url, new { price = Infrastructure.Catalog.Usd(1100), barcode = "4006381333931", inventoryPolicy = "continue" })).Json();
        Assert.Equal(1100, patched.GetProperty("price").Long("amount"));
        Assert.Equal("continue", patched.Str("inventoryPolicy"));
        Assert.Equal($"{sku}-M", patched.Str("sku"));
        (await (await _admin.PatchJson(url, new { price = new { amount = -5, currency = "USD" } })).Json(HttpStatusCode.BadRequest)).HasFieldError("price.amount");
        await (await _admin.PatchJson($"/admin/products/{created.Str("id")}/variants/{Guid.NewGuid()}", new { barcode = "1" }))
            .Problem(HttpStatusCode.NotFound, "catalog.variant_not_found");
    }

    [Fact]
    public async Task DeleteVariant_ArchivesIt_ButNeverTheLastOne()
    {
        var sku = Infrastructure.Catalog.Unique("DV");
        var created = await _admin.CreateProduct(Infrastructure.Catalog.SizedProduct(Infrastructure.Catalog.Unique("Glove"), sku, 1900, sizes: ["S", "M"]));
        var ids = created.GetProperty("variants").EnumerateArray().Select(v => v.Str("id")).ToList();
        var archived = await (await _admin.DeleteAsync($"/admin/products/{created.Str("id")}/variants/{ids[0]}")).Json();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, archived.GetProperty("archivedAt").ValueKind);
        var store = await (await app.Store().GetAsync($"/store/products/{created.Str("handle")}")).Json();
        Assert.Equal([ids[1]], store.GetProperty("variants").EnumerateArray().Select(v => v.Str("id")));
        await (await _admin.DeleteAsync($"/admin/products/{created.Str("id")}/variants/{ids[1]}")).Problem(HttpStatusCode.UnprocessableEntity, "catalog.last_variant");
        await _admin.CreateSimple(Infrastructure.Catalog.Unique("Reuse"), sku: $"{sku}-S");
    }

    [Fact]
    public async Task BulkPrices_ChangeManyVariants_AllOrNothing()
    {
        var a = await _admin.CreateProduct(Infrastructure.Catalog.SizedProduct(Infrastructure.Catalog.Unique("A"), Infrastructure.Catalog.Unique("BA"), 1000));
        var b = await _admin.CreateSimple(Infrastructure.Catalog.Unique("B"), 3000);
        var ids = a.GetProperty("variants").EnumerateArray().Select(v => v.Str("id")).Append(b.GetProperty("variants")[0].Str("id")).ToList();
        var ok = await (await _admin.PostJson("/admin/products/prices", new
        {
            items = ids.Select(id => new { variantId = id, price = Infrastructure.Catalog.Usd(777), compareAtPrice = Infrastructure.Catalog.Usd(999) }),
        })).Json();
        Assert.All(ok.GetProperty("variants").EnumerateArray(), v => Assert.Equal(777, v.GetProperty("price").Long("amount")));

        var bad = await _admin.PostJson("/admin/products/prices", new
        {
            items = new object[]
            {
                new { variantId = ids[0], price = Infrastructure.Catalog.Usd(1) },
                new { variantId = Guid.NewGuid(), price = Infrastructure.Catalog.Usd(2) },
            },
        });
        (await bad.Json(HttpStatusCode.BadRequest)).HasFieldError("items[1].variantId");
        var after = await (await _admin.GetAsync($"/admin/products/{a.Str("id")}")).Json();
        Assert.Equal(777, after.GetProperty("variants")[0].GetProperty("price").Long("amount"));
    }

    [Fact]
    public async Task AdminList_FiltersByStatus_AndPagesWithoutGapsOrRepeats()
    {
        var tag = Infrastructure.Catalog.Unique("page");
        for (var i = 0; i < 7; i++) await _admin.CreateSimple($"Paged {i} {tag}", tags: [tag], status: i % 2 == 0 ? "active" : "draft");
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await _admin.GetAsync($"/admin/products?tag={tag}&limit=3&sort=title" + (cursor is null ? "" : $"&cursor={cursor}"))).Json();
            seen.AddRange(page.Titles());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"Paged {i} {tag}"), seen);
        var drafts = await (await _admin.GetAsync($"/admin/products?tag={tag}&status=draft")).Json();
        Assert.Equal(3, drafts.Items().Count());
        (await (await _admin.GetAsync("/admin/products?status=gone")).Json(HttpStatusCode.BadRequest)).HasFieldError("status");
    }

    [Fact]
    public async Task CatalogWrites_NeedCatalogWrite()
    {
        var created = await (await _admin.PostJson("/admin/api-keys", new { name = "reader", kind = "secret", permissions = new[] { "catalog:read" } })).Json(HttpStatusCode.Created);
        var reader = app.Admin(created.Str("key"));
        await (await reader.GetAsync("/admin/products")).Json();
        await (await reader.PostJson("/admin/products", new { title = "x" })).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        _ = new AuthenticationHeaderValue("Bearer", "x");
    }
}
