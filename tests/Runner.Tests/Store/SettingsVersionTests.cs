using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Store;

/// <summary>
/// The settings a merchant edits from several places (the store, its currencies, payments, tax and shipping zones) answer their
/// version as an ETag, and a change sent with an If-Match of an older read is refused and changes nothing.
/// </summary>
public class SettingsVersionTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private static HttpRequestMessage Change(HttpMethod method, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    /// <summary>
    /// Reads <paramref name="url"/>, changes it with that read's ETag (accepted, a new ETag), then with the same old ETag
    /// (412 <paramref name="code"/>, nothing changed), with <c>*</c> and without If-Match (both accepted).
    /// </summary>
    private async Task ChecksVersionsAsync(string url, HttpMethod method, string changeUrl, Func<int, object> body, Func<JsonElement, string> shown, string code)
    {
        var admin = app.Admin();
        var read = await admin.GetAsync(url);
        var etag = read.Headers.ETag!.Tag;
        var version = (await read.Json()).GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", etag);

        var first = await admin.SendAsync(Change(method, changeUrl, body(1), etag));
        var firstBody = await first.Json();
        Assert.NotEqual(etag, first.Headers.ETag!.Tag);
        Assert.Equal($"\"{firstBody.GetProperty("version").GetInt64()}\"", first.Headers.ETag.Tag);

        var stale = await (await admin.SendAsync(Change(method, changeUrl, body(2), etag))).Problem(HttpStatusCode.PreconditionFailed, code);
        Assert.Contains("read again, then retry", stale.Str("detail"));
        Assert.Equal(shown(firstBody), shown(await (await admin.GetAsync(url)).Json()));

        await (await admin.SendAsync(Change(method, changeUrl, body(3), $"\"{version + 100}\", {first.Headers.ETag.Tag}"))).Json();
        await (await admin.SendAsync(Change(method, changeUrl, body(4), "*"))).Json();
        var unconditional = await (await admin.SendAsync(Change(method, changeUrl, body(5), null))).Json();
        Assert.Equal(shown(unconditional), shown(await (await admin.GetAsync(url)).Json()));
    }

    /// <summary>
    /// A deletion with the ETag of an older read is refused and deletes nothing; with the current one it deletes, and
    /// then the same If-Match finds nothing (404 <paramref name="notFound"/>).
    /// </summary>
    private async Task DeletesOnlyTheCurrentVersionAsync(string url, string code, string notFound)
    {
        var admin = app.Admin();
        var current = (await admin.GetAsync(url)).Headers.ETag!.Tag;
        var older = $"\"{long.Parse(current.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) - 1}\"";
        await (await admin.SendAsync(Deletion(url, older))).Problem(HttpStatusCode.PreconditionFailed, code);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(Deletion(url, current))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
        await (await admin.SendAsync(Deletion(url, current))).Problem(HttpStatusCode.NotFound, notFound);
    }

    private static HttpRequestMessage Deletion(string url, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public Task StoreSettings_HaveAnETag_AndAStaleIfMatchIs412() =>
        ChecksVersionsAsync("/admin/store", HttpMethod.Patch, "/admin/store", n => new { name = $"Writer {n}" }, s => s.Str("name"),
            "store.version_mismatch");

    [Fact]
    public Task PaymentSettings_HaveAnETag_AndAStaleIfMatchIs412() =>
        ChecksVersionsAsync("/admin/settings/payments", HttpMethod.Patch, "/admin/settings/payments",
            n => new { manual = new { enabled = true, instructions = $"Pay by bank transfer, reference {n}." } },
            s => s.GetProperty("manual").Str("instructions"), "payment.settings_version_mismatch");

    [Fact]
    public async Task Currencies_ShareTheStoreSettingsVersion()
    {
        var admin = app.Admin();
        var usd = (await (await admin.GetAsync("/admin/settings/currencies")).Json()).Str("defaultCurrency");
        await ChecksVersionsAsync("/admin/settings/currencies", HttpMethod.Put, "/admin/settings/currencies",
            n => new { currencies = new object[] { new { code = usd, rate = 1 }, new { code = usd == "EUR" ? "GBP" : "EUR", rate = 0.5m + n / 100m } } },
            s => string.Join(",", s.GetProperty("currencies").EnumerateArray().Select(c => $"{c.Str("code")}={c.GetProperty("rate").GetDecimal()}")),
            "store.version_mismatch");
        // A change of the currencies is a change of the store's settings, and the other way round.
        var store = await admin.GetAsync("/admin/store");
        var currencies = await admin.GetAsync("/admin/settings/currencies");
        Assert.Equal(store.Headers.ETag!.Tag, currencies.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task TaxZones_HaveAnETag_AndAStaleIfMatchIs412()
    {
        var region = "Zone " + Guid.NewGuid().ToString("N")[..8];
        var created = await app.Admin().PostJson("/admin/settings/taxes/zones",
            new { country = "US", region, rates = new[] { new { category = "standard", name = "Sales tax", percentage = 5 } } });
        var zone = await created.Json(HttpStatusCode.Created);
        Assert.Equal($"\"{zone.GetProperty("version").GetInt64()}\"", created.Headers.ETag!.Tag);
        var url = $"/admin/settings/taxes/zones/{zone.Str("id")}";
        await ChecksVersionsAsync(url, HttpMethod.Patch, url,
            n => new { rates = new[] { new { category = "standard", name = "Sales tax", percentage = 5 + n } } },
            z => z.GetProperty("rates")[0].GetProperty("percentage").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "pricing.tax_zone_version_mismatch");
        await DeletesOnlyTheCurrentVersionAsync(url, "pricing.tax_zone_version_mismatch", "pricing.tax_zone_not_found");
    }

    [Fact]
    public async Task ShippingZones_HaveAnETag_AndAStaleIfMatchIs412()
    {
        var created = await (await app.Admin().PostJson("/admin/settings/shipping-zones", new
        {
            name = "Versioned " + Guid.NewGuid().ToString("N")[..8],
            areas = new[] { new { country = "IS" } },
            rates = new[] { new { name = "Post", kind = "flat", price = new { amount = 500, currency = "USD" } } },
        })).Json(HttpStatusCode.Created);
        var url = $"/admin/settings/shipping-zones/{created.Str("id")}";
        await ChecksVersionsAsync(url, HttpMethod.Patch, url, n => new { name = $"Iceland {n}" }, z => z.Str("name"), "shipping.zone_version_mismatch");
        await DeletesOnlyTheCurrentVersionAsync(url, "shipping.zone_version_mismatch", "shipping.zone_not_found");
    }
}
