using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Products;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.Catalog;

namespace Runner.Tests.Catalog;

/// <summary><c>GET /admin/variants</c>: variants by id or SKU, without reading the catalog.</summary>
public class VariantLookupTests(VariantLookupTests.CountingApp app) : IClassFixture<VariantLookupTests.CountingApp>
{
    /// <summary>The test host, able to record the queries one piece of code sends (<see cref="Record"/>).</summary>
    public sealed class CountingApp : RunnerApp
    {
        private static readonly AsyncLocal<List<string>?> Recording = new();

        /// <summary>The statements EF Core sends while <paramref name="work"/> runs (in its flow only, not the host's other work).</summary>
        public static async Task<List<string>> Record(Func<Task> work)
        {
            var statements = new List<string>();
            Recording.Value = statements;
            try { await work(); }
            finally { Recording.Value = null; }
            return statements;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.ConfigureDbContext<RunnerDbContext>(o => o.AddInterceptors(new Recorder())));
        }

        private sealed class Recorder : DbCommandInterceptor
        {
            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            {
                Recording.Value?.Add(command.CommandText);
                return ValueTask.FromResult(result);
            }
        }
    }

    private readonly HttpClient _admin = app.Admin();

    private static List<JsonElement> Variants(JsonElement product) => [.. product.GetProperty("variants").EnumerateArray()];

    private async Task<List<JsonElement>> LookUpAsync(string query) => [.. (await (await _admin.GetAsync("/admin/variants?" + query)).Json()).Items()];

    [Fact]
    public async Task ByIds_AnswersTheKnownOnes_InTheOrderAsked_WithWhatNamesAndPricesThem()
    {
        var sku = Unique("LK");
        var title = Unique("Lookup Tee");
        var product = await _admin.CreateProduct(SizedProduct(title, sku, 1500));
        var v = Variants(product);

        var items = await LookUpAsync($"ids={v[2].Str("id")},{Guid.NewGuid()}, {v[0].Str("id")}");

        Assert.Equal([v[2].Str("id"), v[0].Str("id")], items.Select(i => i.Str("id")));
        var large = items[0];
        Assert.Equal(product.Str("id"), large.Str("productId"));
        Assert.Equal(title, large.Str("productTitle"));
        Assert.Equal(product.Str("handle"), large.Str("productHandle"));
        Assert.Equal("active", large.Str("productStatus"));
        Assert.Equal(v[2].Str("title"), large.Str("title"));
        Assert.Equal($"{sku}-L", large.Str("sku"));
        Assert.Equal("L", large.GetProperty("options").Str("Size"));
        Assert.Equal(1700, large.GetProperty("price").Long("amount"));
        Assert.Equal("USD", large.GetProperty("price").Str("currency"));
        Assert.Equal("deny", large.Str("inventoryPolicy"));
        Assert.False(large.GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task BySku_MatchesExactly_AndAVariantAskedTwiceIsAnsweredOnce()
    {
        var sku = Unique("Sku");
        var product = await _admin.CreateProduct(SizedProduct(Unique("Lookup Cap"), sku, 900));
        var v = Variants(product);

        var items = await LookUpAsync($"sku={Uri.EscapeDataString($"{sku}-M , {sku}-NONE,{sku}-S")}");
        Assert.Equal([$"{sku}-M", $"{sku}-S"], items.Select(i => i.Str("sku")));
        Assert.Equal([v[1].Str("id"), v[0].Str("id")], items.Select(i => i.Str("id")));

        // SKUs are unique as written (another variant may hold the lower-case one), so matching is case-sensitive.
        Assert.Empty(await LookUpAsync($"sku={Uri.EscapeDataString(sku.ToLowerInvariant() + "-m")}"));

        var both = await LookUpAsync($"ids={v[0].Str("id")}&sku={Uri.EscapeDataString($"{sku}-S,{sku}-L")}");
        Assert.Equal([v[0].Str("id"), v[2].Str("id")], both.Select(i => i.Str("id")));
    }

    [Fact]
    public async Task AnArchivedVariant_IsFoundByItsId_ButItsSkuNamesTheVariantThatHoldsItNow()
    {
        var sku = Unique("Arc");
        var product = await _admin.CreateProduct(SizedProduct(Unique("Lookup Jacket"), sku, 9000));
        var small = Variants(product)[0];
        await (await _admin.DeleteAsync($"/admin/products/{product.Str("id")}/variants/{small.Str("id")}")).Json();

        var byId = Assert.Single(await LookUpAsync($"ids={small.Str("id")}"));
        Assert.True(byId.GetProperty("archived").GetBoolean());
        Assert.Equal($"{sku}-S", byId.Str("sku"));
        Assert.Empty(await LookUpAsync($"sku={sku}-S"));

        // The freed SKU is taken by another product's variant: the SKU finds that one, each id its own.
        var other = await _admin.CreateSimple(Unique("Lookup Other"), sku: $"{sku}-S");
        var holder = Variants(other)[0].Str("id");
        Assert.Equal(holder, Assert.Single(await LookUpAsync($"sku={sku}-S")).Str("id"));
        var ids = await LookUpAsync($"ids={small.Str("id")},{holder}");
        Assert.Equal([true, false], ids.Select(i => i.GetProperty("archived").GetBoolean()));
    }

    [Fact]
    public async Task TheVariantOfAnArchivedProduct_KeepsItsSku_AndSaysItsProductIsArchived()
    {
        var sku = Unique("Gone");
        var product = await _admin.CreateSimple(Unique("Lookup Retired"), sku: sku);
        await (await _admin.DeleteAsync($"/admin/products/{product.Str("id")}")).Json();

        var found = Assert.Single(await LookUpAsync($"sku={sku}"));
        Assert.Equal("archived", found.Str("productStatus"));
        Assert.False(found.GetProperty("archived").GetBoolean());
        Assert.Equal("Default", found.Str("title"));
    }

    /// <summary>Ids no variant has, the same at every run (theory data is listed before it runs).</summary>
    private static IEnumerable<string> MadeUpIds(int count) => Enumerable.Range(1, count).Select(i => $"00000000-0000-7000-8000-{i:D12}");

    public static TheoryData<string, string, string> BadQueries => new()
    {
        { "", "catalog.ids_or_sku_required", "ids" },
        { "?ids=&sku=", "catalog.ids_or_sku_required", "ids" },
        { "?ids=,%20,", "catalog.ids_or_sku_required", "ids" },
        { $"?ids={MadeUpIds(1).Single()},not-an-id", "request.invalid_parameter", "ids" },
        { "?ids=" + string.Join(',', MadeUpIds(101)), "validation.too_many", "ids" },
        { "?sku=" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"S{i}")), "validation.too_many", "sku" },
        { $"?variantId={MadeUpIds(1).Single()}", "request.unknown_parameter", "variantId" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task BadInput_Is400_WithAStableCode_NamingTheParameter(string query, string code, string field) =>
        (await (await _admin.GetAsync("/admin/variants" + query)).Problem(HttpStatusCode.BadRequest, code)).HasFieldError(field);

    [Fact]
    public async Task AHundredIdsAndAHundredSkus_AreAllowed_AndRepeatsCountOnce()
    {
        var ids = MadeUpIds(100).ToList();
        var skus = Enumerable.Range(0, 100).Select(i => $"NONE-{i}").ToList();
        Assert.Empty(await LookUpAsync($"ids={string.Join(',', ids.Concat(ids.Take(5)))}&sku={string.Join(',', skus.Concat(skus.Take(5)))}"));
    }

    [Fact]
    public async Task ACallerWithoutCatalogRead_IsRefused()
    {
        var product = await _admin.CreateSimple(Unique("Lookup Secret"));
        var path = $"/admin/variants?ids={Variants(product)[0].Str("id")}";
        var orders = await (await _admin.PostJson("/admin/api-keys", new { name = "orders only", kind = "secret", permissions = new[] { "orders:read" } }))
            .Json(HttpStatusCode.Created);
        var problem = await (await app.Admin(orders.Str("key")).GetAsync(path)).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Contains("catalog:read", problem.Str("detail"));

        var catalog = await (await _admin.PostJson("/admin/api-keys", new { name = "catalog reader", kind = "secret", permissions = new[] { "catalog:read" } }))
            .Json(HttpStatusCode.Created);
        Assert.Single((await (await app.Admin(catalog.Str("key")).GetAsync(path)).Json()).Items());
    }

    [Fact]
    public async Task ManyVariantsOfManyProducts_CostTwoQueries()
    {
        var asked = new List<string>();
        for (var i = 0; i < 3; i++)
            asked.AddRange(Variants(await _admin.CreateProduct(SizedProduct(Unique("Lookup Batch"), Unique("B"), 100 * (i + 1)))).Select(v => v.Str("sku")));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        Results<Ok<VariantLookupResponse>, ProblemHttpResult>? answer = null;

        var statements = await CountingApp.Record(async () => answer = await VariantLookup.Find(db, null, string.Join(',', asked), default));

        var ok = Assert.IsType<Ok<VariantLookupResponse>>(answer!.Result);
        Assert.Equal(asked, ok.Value!.Items.Select(i => i.Sku));
        Assert.Equal(2, statements.Count);
    }
}
