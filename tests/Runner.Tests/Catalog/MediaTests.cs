using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Media;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Catalog;

/// <summary>A host that takes images of at most 1000 bytes.</summary>
public sealed class SmallMediaApp : RunnerApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Media:MaxBytes", "1000");
    }
}

public class MediaTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private readonly HttpClient _admin = app.Admin();

    internal static MultipartFormDataContent Upload(byte[] bytes, string fileName = "photo.png", string contentType = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task UploadPng_Returns201_WithItsAddress_AndServesTheSameBytes_CachedForGood()
    {
        var png = TestImages.Png(2, 3);
        var uploaded = await (await _admin.PostAsync("/admin/media", Upload(png))).Json(HttpStatusCode.Created);
        var url = uploaded.Str("url");
        Assert.Matches("^/media/[0-9a-f]{64}\\.png$", url);
        Assert.Equal("image/png", uploaded.Str("contentType"));
        Assert.Equal(png.Length, uploaded.Long("bytes"));
        Assert.Equal(2, uploaded.Long("width"));
        Assert.Equal(3, uploaded.Long("height"));

        var anonymous = app.CreateClient();
        var served = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var etag = served.Headers.ETag!;
        Assert.Equal($"\"{url[7..71]}\"", etag.Tag);

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("image/png", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task UploadJpeg_IsTakenByItsBytes_WhateverTheClientCallsIt()
    {
        var jpeg = TestImages.Jpeg();
        var uploaded = await (await _admin.PostAsync("/admin/media", Upload(jpeg, "photo.gif", "application/octet-stream"))).Json(HttpStatusCode.Created);
        Assert.EndsWith(".jpg", uploaded.Str("url"));
        Assert.Equal("image/jpeg", uploaded.Str("contentType"));
        Assert.Equal(1, uploaded.Long("width"));
        Assert.Equal(1, uploaded.Long("height"));
        var served = await app.CreateClient().GetAsync(uploaded.Str("url"));
        Assert.Equal(jpeg, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SameBytesTwice_GiveTheSameAddress_AndAreStoredOnce()
    {
        var png = TestImages.Png(4, 4);
        var first = await (await _admin.PostAsync("/admin/media", Upload(png, "a.png"))).Json(HttpStatusCode.Created);
        var second = await (await _admin.PostAsync("/admin/media", Upload(png, "b.png"))).Json(HttpStatusCode.Created);
        Assert.Equal(first.Str("url"), second.Str("url"));
        var hash = first.Str("url")[7..71];
        var rows = await app.WithDbAsync(db => db.Set<MediaFile>().CountAsync(m => m.Hash == hash));
        Assert.Equal(1, rows);
        var stored = await app.WithDbAsync(db => db.Set<MediaFile>().SingleAsync(m => m.Hash == hash));
        Assert.Equal(png, stored.Bytes);
        Assert.Equal(png.Length, stored.Size);
    }

    [Fact]
    public async Task TextRenamedPng_Is415()
    {
        var text = Encoding.UTF8.GetBytes("just some words, not a picture at all");
        (await (await _admin.PostAsync("/admin/media", Upload(text, "cat.png", "image/png")))
            .Problem(HttpStatusCode.UnsupportedMediaType, "media.unsupported_type")).HasFieldError("file");
    }

    [Fact]
    public async Task NoFile_Is400()
    {
        var other = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        (await (await _admin.PostAsync("/admin/media", other)).Problem(HttpStatusCode.BadRequest, "media.file_required")).HasFieldError("file");
        await (await _admin.PostJson("/admin/media", new { url = "x" })).Problem(HttpStatusCode.BadRequest, "media.file_required");
    }

    [Fact]
    public async Task UnknownOrMalformedName_Is404()
    {
        var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/media/" + new string('a', 64) + ".png")).Problem(HttpStatusCode.NotFound, "media.not_found");
        await (await anonymous.GetAsync("/media/not-a-hash.png")).Problem(HttpStatusCode.NotFound, "media.not_found");
        var uploaded = await (await _admin.PostAsync("/admin/media", Upload(TestImages.Png()))).Json(HttpStatusCode.Created);
        // The same hash under another kind's extension is not that image.
        await (await anonymous.GetAsync(uploaded.Str("url").Replace(".png", ".jpg"))).Problem(HttpStatusCode.NotFound, "media.not_found");
        // A HEAD (answered from the stored type and size, not the bytes) refuses the same names.
        foreach (var name in new[] { "/media/" + new string('a', 64) + ".png", uploaded.Str("url").Replace(".png", ".jpg") })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, name))).StatusCode);
    }

    [Fact]
    public async Task Upload_NeedsCatalogWrite()
    {
        var content = Upload(TestImages.Png());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/admin/media", content)).StatusCode);
        var reader = await (await _admin.PostJson("/admin/api-keys",
            new { name = "reader", kind = "secret", permissions = new[] { "catalog:read" } })).Json(HttpStatusCode.Created);
        var response = await app.Admin(reader.Str("key")).PostAsync("/admin/media", Upload(TestImages.Png()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ProductMedia_MayNameAnUpload_ButNotAnAddressNothingWasUploadedTo()
    {
        var uploaded = await (await _admin.PostAsync("/admin/media", Upload(TestImages.Png()))).Json(HttpStatusCode.Created);
        var url = uploaded.Str("url");
        var sku = Infrastructure.Catalog.Unique("IMG");
        var created = await _admin.CreateProduct(new
        {
            title = "Pictured " + sku, status = "active",
            media = new[] { new { url, alt = (string?)"A swatch" }, new { url = "https://cdn.example/x.jpg", alt = (string?)null } },
            variants = new[] { new { sku, options = new { }, price = Infrastructure.Catalog.Usd(1200) } },
        });
        Assert.Equal(url, created.GetProperty("media")[0].Str("url"));

        var store = await (await app.Store().GetAsync($"/store/products/{created.Str("handle")}")).Json();
        Assert.Equal(url, store.GetProperty("media")[0].Str("url"));

        var missing = "/media/" + new string('b', 64) + ".png";
        var refused = await _admin.PatchJson($"/admin/products/{created.Str("id")}", new { media = new[] { new { url = missing } } });
        (await refused.Problem(HttpStatusCode.BadRequest, "catalog.media_not_found")).HasFieldError("media[0].url");
        // The stored image under the wrong extension is refused too; a relative address outside /media/ is no URL.
        var wrongKind = await _admin.PatchJson($"/admin/products/{created.Str("id")}", new { media = new[] { new { url = url.Replace(".png", ".gif") } } });
        await wrongKind.Problem(HttpStatusCode.BadRequest, "catalog.media_not_found");
        var relative = await _admin.PatchJson($"/admin/products/{created.Str("id")}", new { media = new[] { new { url = "/images/x.png" } } });
        await relative.Problem(HttpStatusCode.BadRequest, "catalog.invalid_media_url");
        var read = await (await _admin.GetAsync($"/admin/products/{created.Str("id")}")).Json();
        Assert.Equal(2, read.GetProperty("media").GetArrayLength());
    }
}

public class MediaPatchTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task AnUpload_AddedToAProductWithoutImages_IsSaved()
    {
        var admin = app.Admin();
        var created = await admin.CreateSimple(Infrastructure.Catalog.Unique("Plain"));
        var url = (await (await admin.PostAsync("/admin/media", MediaTests.Upload(TestImages.Png()))).Json(HttpStatusCode.Created)).Str("url");
        var patched = await (await admin.PatchJson($"/admin/products/{created.Str("id")}", new { media = new[] { new { url } } })).Json();
        Assert.Equal(url, patched.GetProperty("media")[0].Str("url"));
    }
}

public class MediaLimitTests(SmallMediaApp app) : IClassFixture<SmallMediaApp>
{
    [Fact]
    public async Task ImageOverTheLimit_Is413_AndNothingIsStored()
    {
        // One colour compresses to little; bytes after the end keep it a PNG by its magic bytes, over 1000 bytes.
        byte[] big = [.. TestImages.Png(), .. new byte[2000]];
        var before = await app.WithDbAsync(db => db.Set<MediaFile>().CountAsync());
        await (await app.Admin().PostAsync("/admin/media", MediaTests.Upload(big))).Problem(HttpStatusCode.RequestEntityTooLarge, "media.too_large");
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<MediaFile>().CountAsync()));
        var small = await (await app.Admin().PostAsync("/admin/media", MediaTests.Upload(TestImages.Png(1, 1)))).Json(HttpStatusCode.Created);
        Assert.StartsWith("/media/", small.Str("url"));
    }
}
