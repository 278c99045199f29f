using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Runner.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The merchant uploads a photo in the product editor; the storefront's product page shows it.</summary>
[Collection(StoreCollection.Name)]
public sealed class MediaUploadTests(StoreFixture store)
{
    [SkippableFact]
    public async Task TheMerchant_UploadsAPhotoInTheEditor_AndTheProductPageShowsIt()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var admin = store.Admin();
        var response = await admin.PostAsJsonAsync("/admin/products", new
        {
            title = $"Canvas Tote {suffix}", status = "active",
            variants = new[] { new { sku = $"TOTE-{suffix}", options = new { }, price = new { amount = 3200, currency = "USD" } } },
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (id, handle) = (created.GetProperty("id").GetString(), created.GetProperty("handle").GetString());
        var folder = Directory.CreateTempSubdirectory("runner-upload-");
        var file = Path.Combine(folder.FullName, "tote.png");
        await File.WriteAllBytesAsync(file, TestImages.Png(24, 16));

        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);
        await page.GotoAsync($"/dashboard/products/{id}");
        await page.GetByLabel("Upload image", new() { Exact = false }).SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Saved.");
        await Expect(page.GetByLabel("Image 1 URL")).ToHaveValueAsync(new Regex("^/media/[0-9a-f]{64}\\.png$"));
        var url = await page.GetByLabel("Image 1 URL").InputValueAsync();
        await StoreFixture.CheckAsync(page, "dashboard-product-uploaded");

        // Saved again as it is, the uploaded address passes the form's own checks.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Saved.");

        await page.GotoAsync($"/products/{handle}");
        var image = page.Locator($"[data-gallery] img[src='{url}']");
        await Expect(image).ToHaveCountAsync(1);
        await Expect(image).ToHaveAttributeAsync("alt", $"Canvas Tote {suffix}");
        Assert.Equal(24, await image.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }"));
        await StoreFixture.CheckAsync(page, "store-product-uploaded");
        folder.Delete(recursive: true);
    }
}
