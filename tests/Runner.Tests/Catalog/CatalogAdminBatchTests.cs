using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.Catalog;

namespace Runner.Tests.Catalog;

/// <summary>
/// Products written through <see cref="ICatalogAdmin"/> in batches (one unit of work each, as an import writes
/// them): each product is checked against the ones before it in the batch exactly as a later request is checked
/// against an earlier one, and refused products leave nothing behind.
/// </summary>
public class CatalogAdminBatchTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private readonly HttpClient _admin = app.Admin();

    private static CreateProductRequest Simple(string title, string sku, string? handle = null, long price = 2500,
        IReadOnlyList<string>? tags = null, string currency = "USD") =>
        new(title, ProductStatus.Active, [new VariantInput(sku, new Dictionary<string, string>(), new Money(price, currency))],
            Handle: handle, Tags: tags);

    /// <summary>Adds <paramref name="requests"/> as one batch in a scope of its own, then saves what was accepted.</summary>
    private async Task<IReadOnlyList<Result<ProductId>>> AddBatchAsync(params CreateProductRequest[] requests)
    {
        using var actor = ActorScope.Use(Actor.System);
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogAdmin>();
        var outcomes = await catalog.AddProductsAsync(requests);
        await catalog.SaveAsync();
        return outcomes;
    }

    private async Task<ProductResponse> ProductAsync(Result<ProductId> outcome)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICatalogAdmin>().GetProductAsync(outcome.Value);
    }

    [Fact]
    public async Task SameSkuInTwoProductsOfABatch_RefusesTheSecondAsSkuTaken_AsASecondRequestIs()
    {
        var sku = Unique("BSKU");
        var outcomes = await AddBatchAsync(Simple(Unique("Kept"), sku), Simple(Unique("Refused"), "OTHER-" + sku), Simple(Unique("Clash"), sku));

        Assert.True(outcomes[0].IsSuccess);
        Assert.True(outcomes[1].IsSuccess);
        var refused = outcomes[2].Error!;
        Assert.Equal(("catalog.sku_taken", ErrorKind.Conflict), (refused.Code, refused.Kind));
        Assert.Equal(["variants[0].sku"], refused.Fields!.Keys);
        Assert.Equal(sku, (await ProductAsync(outcomes[0])).Variants.Single().Sku);

        var second = await _admin.PostJson("/admin/products", new
        {
            title = Unique("Request"), status = "active",
            variants = new[] { new { sku, options = new { }, price = Usd(100) } },
        });
        (await second.Problem(HttpStatusCode.Conflict, refused.Code)).HasFieldError("variants[0].sku");
    }

    [Fact]
    public async Task SameSkuTwiceInOneProductOfABatch_IsDuplicateSku_AsInARequest()
    {
        var sku = Unique("TWICE");
        var request = new CreateProductRequest(Unique("Twice"), ProductStatus.Active,
        [
            new VariantInput(sku, new Dictionary<string, string> { ["Size"] = "S" }, new Money(100, "USD")),
            new VariantInput(sku, new Dictionary<string, string> { ["Size"] = "M" }, new Money(100, "USD")),
        ], Options: [new OptionInput("Size", ["S", "M"])]);

        var refused = Assert.Single(await AddBatchAsync(request)).Error!;

        Assert.Equal(("catalog.duplicate_sku", ErrorKind.Validation), (refused.Code, refused.Kind));
        Assert.Equal(["variants[1].sku"], refused.Fields!.Keys);
        var response = await _admin.PostJson("/admin/products", new
        {
            title = request.Title, status = "active", options = new[] { new { name = "Size", values = new[] { "S", "M" } } },
            variants = new[] { "S", "M" }.Select(s => new { sku, options = new Dictionary<string, string> { ["Size"] = s }, price = Usd(100) }),
        });
        (await response.Problem(HttpStatusCode.BadRequest, refused.Code)).HasFieldError("variants[1].sku");
    }

    [Fact]
    public async Task SameTitleInABatch_IsNumbered_AfterTheOnesAlreadySaved()
    {
        var title = Unique("Linen Shirt");
        var saved = await _admin.CreateSimple(title);
        var stem = saved.Str("handle");

        var outcomes = await AddBatchAsync(Simple(title, Unique("A")), Simple(title, Unique("B")), Simple(title, Unique("C")));

        var handles = new List<string>();
        foreach (var outcome in outcomes) handles.Add((await ProductAsync(outcome)).Handle);
        Assert.Equal([stem + "-2", stem + "-3", stem + "-4"], handles);
        Assert.Equal(stem + "-5", (await _admin.CreateSimple(title)).Str("handle"));
    }

    [Fact]
    public async Task ManyOfOneTitle_AcrossBatches_TakeTheNextFreeNumbers_BeyondOneLookUpWindow()
    {
        var title = Unique("Tote");
        var first = await AddBatchAsync([.. Enumerable.Range(0, 40).Select(_ => Simple(title, Unique("T")))]);
        var next = await AddBatchAsync(Simple(title, Unique("T")), Simple(title, Unique("T")));

        var stem = (await ProductAsync(first[0])).Handle;
        Assert.Equal(stem + "-40", (await ProductAsync(first[^1])).Handle);
        Assert.Equal([stem + "-41", stem + "-42"], [(await ProductAsync(next[0])).Handle, (await ProductAsync(next[1])).Handle]);
    }

    [Fact]
    public async Task AHandleTakenEarlierInTheBatch_IsHandleTaken_WhetherAskedForOrDerived()
    {
        var title = Unique("Candle");
        var derived = Handles(title);
        var outcomes = await AddBatchAsync(
            Simple(title, Unique("C")),
            Simple(Unique("Asks derived"), Unique("C"), handle: derived),
            Simple(Unique("Asks"), Unique("C"), handle: derived + "-x"),
            Simple(Unique("Asks again"), Unique("C"), handle: derived + "-x"));

        Assert.Equal(derived, (await ProductAsync(outcomes[0])).Handle);
        Assert.Equal("catalog.handle_taken", outcomes[1].Error!.Code);
        Assert.Equal(derived + "-x", (await ProductAsync(outcomes[2])).Handle);
        Assert.Equal(("catalog.handle_taken", ErrorKind.Conflict), (outcomes[3].Error!.Code, outcomes[3].Error!.Kind));
        Assert.Equal(["handle"], outcomes[3].Error!.Fields!.Keys);
    }

    [Fact]
    public async Task RefusedProducts_LeaveNothingBehind_AndTheRestAreSaved()
    {
        var tag = Unique("refused");
        var refusedSku = Unique("R");
        var outcomes = await AddBatchAsync(
            Simple(Unique("Good"), Unique("G"), tags: [tag]),
            Simple(Unique("Bad"), refusedSku, currency: "EUR", tags: [tag]),
            Simple(Unique("Good too"), Unique("G"), tags: [tag]));

        Assert.Equal([true, false, true], outcomes.Select(o => o.IsSuccess));
        Assert.Equal("variants[0].price.currency", Assert.Single(outcomes[1].Error!.Fields!.Keys));
        var ids = new[] { outcomes[0].Value, outcomes[2].Value };
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<OutboxMessage>()
            .CountAsync(m => m.Type == CatalogEvents.ProductCreated && (m.Payload.Contains(ids[0].ToString()) || m.Payload.Contains(ids[1].ToString())))));
        Assert.Equal(2, (await (await _admin.GetAsync($"/admin/products?tag={tag}")).Json()).Items().Count());
        await _admin.CreateSimple(Unique("Takes the refused SKU"), sku: refusedSku);
    }

    [Fact]
    public async Task RuleBasedCollections_TakeTheNewProductsOfABatchThatMatch()
    {
        var tag = Unique("batchrule");
        var collection = await (await _admin.PostJson("/admin/collections", new
        {
            title = "Cheap " + tag, kind = "rule", matchAll = true,
            rules = new object[] { new { field = "tag", relation = "equals", value = tag }, new { field = "price", relation = "less_than", value = "2000" } },
        })).Json(HttpStatusCode.Created);
        var id = new CollectionId(Guid.Parse(collection.Str("id")));

        var outcomes = await AddBatchAsync(
            Simple(Unique("Cheap"), Unique("R"), price: 1500, tags: [tag]),
            Simple(Unique("Dear"), Unique("R"), price: 2500, tags: [tag]),
            Simple(Unique("Untagged"), Unique("R"), price: 1500),
            Simple(Unique("Cheap too"), Unique("R"), price: 1900, tags: [tag.ToUpperInvariant()]));

        var member = new List<bool>();
        foreach (var outcome in outcomes) member.Add((await ProductAsync(outcome)).Collections.Contains(id));
        Assert.Equal([true, false, false, true], member);
        var read = await (await _admin.GetAsync($"/admin/collections/{id}")).Json();
        Assert.Equal(2, read.GetProperty("productCount").GetInt32());
    }

    [Fact]
    public async Task OneAtATime_InOneUnitOfWork_ChecksAgainstTheProductsAddedBefore()
    {
        using var actor = ActorScope.Use(Actor.System);
        var title = Unique("Scarf");
        var sku = Unique("S1");
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogAdmin>();
        var first = await catalog.AddProductAsync(Simple(title, sku));
        var second = await catalog.AddProductAsync(Simple(title, Unique("S2")));
        var clash = await Assert.ThrowsAsync<DomainException>(() => catalog.AddProductAsync(Simple(Unique("Other"), sku)));
        await catalog.SaveAsync();

        Assert.Equal("catalog.sku_taken", clash.Error.Code);
        Assert.Equal(Handles(title) + "-2", (await ProductAsync(second)).Handle);
        Assert.Equal(Handles(title), (await ProductAsync(first)).Handle);
    }

    private static string Handles(string title) => Runner.Kernel.Text.Handles.From(title);
}
