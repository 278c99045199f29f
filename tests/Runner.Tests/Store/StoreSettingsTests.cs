using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Store;

public class StoreSettingsTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    // Tests of this class change the one settings row, so each restores what it changed.
    [Fact]
    public async Task Get_ReturnsTheDefaults()
    {
        var store = await (await app.Admin().GetAsync("/admin/store")).Json();
        Assert.False(string.IsNullOrEmpty(store.Str("name")));
        Assert.Equal(3, store.Str("defaultCurrency").Length);
        Assert.Contains(store.Str("defaultCurrency"), store.GetProperty("enabledCurrencies").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Patch_MergesOnlyTheGivenFields()
    {
        var before = await (await app.Admin().GetAsync("/admin/store")).Json();
        var after = await (await app.Admin().PatchJson("/admin/store", new { name = "Linen & Co.", orderNumberPrefix = "LC-" })).Json();
        Assert.Equal("Linen & Co.", after.Str("name"));
        Assert.Equal("LC-", after.Str("orderNumberPrefix"));
        Assert.Equal(before.Str("timeZone"), after.Str("timeZone"));
        Assert.Equal(before.Str("weightUnit"), after.Str("weightUnit"));
        var read = await (await app.Admin().GetAsync("/admin/store")).Json();
        Assert.Equal("Linen & Co.", read.Str("name"));
        await app.Admin().PatchJson("/admin/store", new { name = before.Str("name"), orderNumberPrefix = before.Str("orderNumberPrefix") });
    }

    [Fact]
    public async Task Patch_EnablesACurrencyWithItsRate_AndNullRemovesOptionalFields()
    {
        var after = await (await app.Admin().PatchJson("/admin/store", new
        {
            enabledCurrencies = new[] { "USD", "EUR", "JPY" },
            exchangeRates = new Dictionary<string, decimal> { ["EUR"] = 0.92m, ["JPY"] = 151.37m },
            timeZone = "Asia/Kolkata",
            contactEmail = "owner@example.com",
        })).Json();
        Assert.Equal(0.92m, after.GetProperty("exchangeRates").GetProperty("EUR").GetDecimal());
        Assert.Equal("Asia/Kolkata", after.Str("timeZone"));
        var cleared = await (await app.Admin().SendRaw(HttpMethod.Patch, "/admin/store", "{\"contactEmail\": null}", "application/merge-patch+json")).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("contactEmail").ValueKind);
        await app.Admin().SendRaw(HttpMethod.Patch, "/admin/store",
            "{\"enabledCurrencies\":[\"USD\"],\"exchangeRates\":null,\"timeZone\":\"UTC\"}", "application/merge-patch+json");
    }

    [Theory]
    [InlineData("{\"defaultCurrency\": \"XYZ\"}", "defaultCurrency")]
    [InlineData("{\"enabledCurrencies\": [\"USD\", \"EUR\"]}", "exchangeRates.EUR")]
    [InlineData("{\"timeZone\": \"Mars/Olympus\"}", "timeZone")]
    [InlineData("{\"weightUnit\": \"stone\"}", "weightUnit")]
    [InlineData("{\"contactEmail\": \"not an email\"}", "contactEmail")]
    [InlineData("{\"enabledCurrencies\": [\"EUR\"], \"exchangeRates\": {\"EUR\": 1}}", "enabledCurrencies")]
    [InlineData("{\"enabledCurrencies\": [\"USD\",\"EUR\"], \"exchangeRates\": {\"EUR\": -1}}", "exchangeRates.EUR")]
    [InlineData("{\"name\": \"\"}", "name")]
    public async Task Patch_InvalidValue_Is400NamingTheField_AndChangesNothing(string patch, string field)
    {
        var before = await (await app.Admin().GetAsync("/admin/store")).Json();
        var problem = await (await app.Admin().SendRaw(HttpMethod.Patch, "/admin/store", patch)).Json(HttpStatusCode.BadRequest);
        problem.HasFieldError(field);
        var after = await (await app.Admin().GetAsync("/admin/store")).Json();
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Patch_UnknownField_Is400() =>
        (await (await app.Admin().SendRaw(HttpMethod.Patch, "/admin/store", "{\"colour\": \"red\"}"))
            .Problem(HttpStatusCode.BadRequest, "request.unknown_field")).HasFieldError("colour");

    [Fact]
    public async Task Patch_NotAnObject_Is400() =>
        await (await app.Admin().SendRaw(HttpMethod.Patch, "/admin/store", "[1]")).Problem(HttpStatusCode.BadRequest, "request.invalid_patch");
}
