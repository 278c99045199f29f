using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Outbox;
using Runner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Runner.Tests.Catalog;

/// <summary>
/// Not a check but a measurement, run by hand and skipped otherwise: writes <c>RUNNER_MEASURE_WRITES</c> products
/// through <see cref="ICatalogAdmin"/> (one at a time, then as batches) in batches of 250 (one unit of work each, as an import does) into a store
/// with 26 rule-based collections, then drains the outbox those writes left, then a backlog of messages that a
/// handler takes. It prints rates and asserts nothing about time:
/// <c>RUNNER_MEASURE_WRITES=5000 dotnet test --filter BulkWriteMeasurement --logger "console;verbosity=detailed"</c>
/// (<c>RUNNER_MEASURE_WRITES_ONLY=each</c> or <c>batch</c> runs one way only).
/// </summary>
public class BulkWriteMeasurement(ITestOutputHelper output)
{
    public const string Variable = "RUNNER_MEASURE_WRITES";
    private const int BatchSize = 250;
    private const string Handled = "measure.handled";
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL"];
    private static readonly string[] Tags = ["summer", "winter", "sale", "bestseller", "new-arrival", "gift", "eco", "handmade",
        "outdoor", "kitchen", "travel", "kids", "minimal", "premium", "cotton", "wool"];
    private static readonly string[] Types = ["Shirts", "Knitwear", "Blankets", "Rugs", "Mugs", "Tableware", "Bags", "Hats", "Footwear", "Travel"];

    private sealed class MeasureApp : RunnerApp
    {
        protected override bool BackgroundWork => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddOutboxHandler<NoopHandler>(Handled));
        }
    }

    public sealed class NoopHandler : IOutboxHandler
    {
        public Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Measure()
    {
        Skip.If(!int.TryParse(Environment.GetEnvironmentVariable(Variable), out var count) || count <= 0,
            $"Set {Variable} to a number of products to measure bulk writes.");
        var only = Environment.GetEnvironmentVariable(Variable + "_ONLY"); // "each" or "batch" (for a profiler)
        if (only != "batch") await MeasureOnFreshStoreAsync(count, batch: false, outbox: true);
        if (only != "each") await MeasureOnFreshStoreAsync(count, batch: true, outbox: only == "batch");
    }

    private async Task MeasureOnFreshStoreAsync(int count, bool batch, bool outbox)
    {
        var app = new MeasureApp();
        await app.InitializeAsync();
        try
        {
            using var actor = ActorScope.Use(Actor.System);
            output.WriteLine($"{app.Database.Provider}, {count:N0} products in batches of {BatchSize}, {Environment.ProcessorCount} cores");
            await AddRuleCollectionsAsync(app);
            await MeasureAsync(batch ? "products (AddProductsAsync per batch)" : "products (AddProductAsync per product)", count,
                () => AddProductsAsync(app, count, batch));
            if (!outbox) return;
            var created = await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.ProcessedAt == null));
            await MeasureAsync("outbox: messages no handler takes", created, () => DrainAsync(app, created));
            await EnqueueAsync(app, count);
            await MeasureAsync("outbox: messages one handler takes", count, () => DrainAsync(app, count));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private async Task MeasureAsync(string what, int count, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"{what}: {count:N0} in {seconds:F2} s = {count / seconds:N0}/s");
    }

    private static async Task AddRuleCollectionsAsync(RunnerApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogAdmin>();
        foreach (var type in Types)
            await catalog.AddCollectionAsync(new CollectionRequest($"{type} {Guid.NewGuid():N}", CollectionKind.Rule, Rules: [new(RuleField.Type, RuleRelation.Equals, type)]));
        foreach (var tag in Tags)
            await catalog.AddCollectionAsync(new CollectionRequest($"{tag} {Guid.NewGuid():N}", CollectionKind.Rule, Rules: [new(RuleField.Tag, RuleRelation.Equals, tag)]));
        await catalog.SaveAsync();
    }

    private static async Task AddProductsAsync(RunnerApp app, int count, bool batch)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var start = 0; start < count; start += BatchSize)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<ICatalogAdmin>();
            var requests = Enumerable.Range(start, Math.Min(count, start + BatchSize) - start).Select(i => Product(run, i)).ToList();
            if (batch) Assert.All(await catalog.AddProductsAsync(requests), o => Assert.True(o.IsSuccess));
            else foreach (var request in requests) await catalog.AddProductAsync(request);
            await catalog.SaveAsync();
        }
    }

    /// <summary>Product <paramref name="i"/>: five sizes, two to four tags, one type; every other one names its handle.</summary>
    internal static CreateProductRequest Product(string run, int i)
    {
        var title = $"Product {run} {i} {Types[i % Types.Length]}";
        var tags = Enumerable.Range(0, 2 + i % 3).Select(k => Tags[(i * 7 + k * 5) % Tags.Length]).Distinct().ToList();
        var variants = Sizes.Select((size, s) => new VariantInput($"M{run}-{i}-{size}", new Dictionary<string, string> { ["Size"] = size },
            new Money(1000 + i % 500 * 10 + s * 100, "USD"), Barcode: $"{400_000_000_000L + i * 5L + s}", Cost: new Money(500, "USD"),
            Weight: new WeightInput(0.5m, "kg"))).ToList();
        return new CreateProductRequest(title, i % 20 == 19 ? ProductStatus.Draft : ProductStatus.Active, variants,
            Handle: i % 2 == 0 ? $"product-{run}-{i}" : null,
            Description: $"<p>{title} is made to last.</p><ul><li>Washable</li><li>Repairable</li></ul>",
            Vendor: $"Vendor {i % 12}", ProductType: Types[i % Types.Length], Tags: tags,
            Media: [new MediaInput($"https://cdn.example.com/{run}/{i}-1.jpg", title)],
            SeoTitle: $"{title} | Measure", Options: [new OptionInput("Size", Sizes)]);
    }

    private static async Task EnqueueAsync(RunnerApp app, int count)
    {
        for (var start = 0; start < count; start += BatchSize)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            for (var i = start; i < Math.Min(count, start + BatchSize); i++) outbox.Enqueue(Handled, new { i });
            await scope.ServiceProvider.GetRequiredService<Runner.Kernel.Data.RunnerDbContext>().SaveChangesAsync();
        }
    }

    private static async Task DrainAsync(RunnerApp app, int expected)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var total = 0;
        for (int n; (n = await dispatcher.RunOnceAsync(CancellationToken.None)) > 0;) total += n;
        Assert.Equal(expected, total);
    }
}
