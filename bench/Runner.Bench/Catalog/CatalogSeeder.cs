using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Bench.Hosting;
using Runner.Host.Composition;
using Runner.Host.Startup;
using Runner.Kernel.Actors;

namespace Runner.Bench.Catalog;

internal sealed record SeedReport(int Products, int Collections, TimeSpan Catalog, OutboxReport Outbox);

/// <summary>
/// Builds the benchmark database in this process through the engine's own composition: the start-up (schema,
/// store, channel, keys), then <see cref="ICatalogAdmin"/> for collections and products, a few hundred products per
/// transaction, so every product passes the same rules as <c>POST /admin/products</c>. The outbox messages that the
/// writes leave are then delivered by the engine's own dispatcher, so the measured host does not spend the run
/// working through an import's backlog.
/// <para>
/// <paramref name="handlePrefix"/> goes before the collections' handles, so that they can join a store that has
/// collections of its own (the demo store's Accessories and New Arrivals).
/// </para>
/// </summary>
internal sealed class CatalogSeeder(ProductGenerator generator, IReadOnlyDictionary<string, string?> hostSettings, string handlePrefix = "")
{
    public const int BatchSize = 250;

    /// <summary>
    /// The settings of the seeding process for a database: its keys are the ones the measured host will be given, and
    /// <paramref name="demo"/> seeds the demo store first, as a first start does.
    /// </summary>
    public static Dictionary<string, string?> HostSettings(string provider, string connectionString, BenchKeys keys, bool demo) => new()
    {
        ["Runner:Database:Provider"] = provider,
        ["Runner:Database:ConnectionString"] = connectionString,
        ["Runner:Bootstrap:AdminKey"] = keys.Admin,
        ["Runner:Bootstrap:PublishableKey"] = keys.Publishable,
        ["Runner:Seed:Demo"] = demo ? "true" : "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public async Task<SeedReport> RunAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(hostSettings);
        builder.Configuration["Runner:Outbox:Enabled"] = "false";
        builder.AddRunner();
        await using var app = builder.Build();
        await RunnerStartup.InitializeAsync(app.Services, ct);
        using var actor = ActorScope.Use(Actor.System);

        var clock = Stopwatch.StartNew();
        var departments = new Dictionary<string, CollectionId>();
        var position = 0;
        foreach (var title in CollectionPlan.Departments)
        {
            departments[title] = await AddCollectionAsync(app.Services, new CollectionRequest(title, CollectionKind.Manual,
                handlePrefix + CollectionPlan.HandleOf(title), $"<p>Everything in {title}.</p>", Position: position++, SortOrder: CollectionSort.TitleAsc), ct);
        }
        foreach (var c in CollectionPlan.Ruled)
        {
            await AddCollectionAsync(app.Services, new CollectionRequest(c.Title, CollectionKind.Rule, handlePrefix + CollectionPlan.HandleOf(c.Title),
                $"<p>{c.Title}, chosen by {c.Field.ToString().ToLowerInvariant()}.</p>", [new CollectionRule(c.Field, RuleRelation.Equals, c.Value)],
                ParentId: c.Department is null ? null : departments[c.Department], Position: position++), ct);
        }

        var products = await AddProductsAsync(app.Services, clock, ct);

        foreach (var c in CollectionPlan.Manual)
        {
            var members = CollectionPlan.Members(c, generator.Count).Select(i => products[i]).ToList();
            await AddCollectionAsync(app.Services, new CollectionRequest(c.Title, CollectionKind.Manual, handlePrefix + CollectionPlan.HandleOf(c.Title),
                $"<p>{c.Title}, picked by hand.</p>", ParentId: c.Department is null ? null : departments[c.Department],
                Position: position++, ProductIds: members), ct);
        }
        var catalogTime = clock.Elapsed;
        var outbox = await OutboxDrain.RunAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), ct);
        return new SeedReport(generator.Count, CollectionPlan.Count, catalogTime, outbox);
    }

    /// <summary>
    /// Products in batches of <see cref="BatchSize"/>, one transaction each, by one writer per core: the checks and
    /// the change tracking of the next batch run while another batch commits (SQLite takes one writer at a time, so
    /// the commits themselves take turns, here rather than in the busy-retry loop of the driver).
    /// </summary>
    private async Task<ProductId[]> AddProductsAsync(IServiceProvider services, Stopwatch clock, CancellationToken ct)
    {
        var products = new ProductId[generator.Count];
        var commit = new SemaphoreSlim(1, 1);
        var nextBatch = -1;
        var done = 0;
        var writers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Run(async () =>
        {
            using var actor = ActorScope.Use(Actor.System);
            for (int start; (start = Interlocked.Increment(ref nextBatch) * BatchSize) < generator.Count;)
            {
                await using var scope = services.CreateAsyncScope();
                var catalog = scope.ServiceProvider.GetRequiredService<ICatalogAdmin>();
                var end = Math.Min(generator.Count, start + BatchSize);
                for (var i = start; i < end; i++) products[i] = await catalog.AddProductAsync(generator.Product(i), ct);
                await commit.WaitAsync(ct);
                try { await catalog.SaveAsync(ct); }
                finally { commit.Release(); }
                var total = Interlocked.Add(ref done, end - start);
                if (total / 10_000 != (total - (end - start)) / 10_000 || total == generator.Count)
                    Console.Out.WriteLine($"  {total,7:N0} products  {clock.Elapsed.TotalSeconds,6:F1} s");
            }
        }, ct)).ToArray();
        await Task.WhenAll(writers);
        return products;
    }

    private static async Task<CollectionId> AddCollectionAsync(IServiceProvider services, CollectionRequest request, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogAdmin>();
        var id = await catalog.AddCollectionAsync(request, ct);
        await catalog.SaveAsync(ct);
        return id;
    }
}
