using Runner.Bench.Catalog;
using Runner.Bench.Hosting;

namespace Runner.Bench.Scenarios;

/// <summary>What every scenario may use: the host's address and keys, the catalog it was seeded with, the options.</summary>
internal sealed record BenchContext(Uri BaseAddress, BenchKeys Keys, ProductGenerator Catalog, BenchOptions Options)
{
    public IReadOnlyDictionary<string, string> StorefrontHeaders => new Dictionary<string, string> { ["X-Publishable-Key"] = Keys.Publishable };

    public IReadOnlyDictionary<string, string> AdminHeaders => new Dictionary<string, string> { ["Authorization"] = "Bearer " + Keys.Admin };
}

/// <summary>
/// One kind of request driven at the host. <see cref="Request"/> is called concurrently with a growing index and
/// must return a fresh message each time; request <c>i</c> is the same on every run (seeded choices).
/// </summary>
internal abstract class Scenario
{
    public abstract string Name { get; }
    public abstract string Description { get; }

    /// <summary>The headers every request carries (the storefront's publishable key unless the scenario says otherwise).</summary>
    public virtual IReadOnlyDictionary<string, string> Headers(BenchContext context) => context.StorefrontHeaders;

    /// <summary>Sets up what the scenario needs; returns why it cannot run, or null when it can.</summary>
    public virtual Task<string?> PrepareAsync(BenchContext context, CancellationToken ct) => Task.FromResult<string?>(null);

    public abstract HttpRequestMessage Request(long i);

    /// <summary>Sees every status code answered (warm-up included).</summary>
    public virtual void Observe(int status) { }

    /// <summary>Checks the host's state after the load; returns a line for the report, or null.</summary>
    public virtual Task<string?> VerifyAsync(BenchContext context, CancellationToken ct) => Task.FromResult<string?>(null);

    public static Scenario Create(string name, BenchContext context) => name switch
    {
        "list" => new ListScenario(context),
        "handle" => new HandleScenario(context),
        "search" => new SearchScenario(context),
        "reserve" => new ReserveScenario(),
        _ => throw new ArgumentException($"Unknown scenario '{name}'."),
    };

    /// <summary>A fixed, seeded sequence of choices, indexed without locks by the request number.</summary>
    protected static T[] Sequence<T>(IReadOnlyList<T> choices, int seed, int length = 1 << 16)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => choices[random.Next(choices.Count)])];
    }

    protected static HttpRequestMessage Get(string pathAndQuery) => new(HttpMethod.Get, pathAndQuery);
}

/// <summary><c>GET /store/products?limit=20&amp;…</c> with one filter, alternating collections (by handle) and tags.</summary>
internal sealed class ListScenario(BenchContext context) : Scenario
{
    private readonly string[] _paths = Sequence(
        [.. CollectionPlan.Handles().Select(h => $"store/products?limit=20&collection={h}"),
         .. Runner.Bench.Catalog.CatalogWords.Tags.Select(t => $"store/products?limit=20&tag={t}")],
        context.Options.Seed + 1);

    public override string Name => "list";
    public override string Description =>
        $"GET /store/products?limit=20 with one filter: collection=<one of {CollectionPlan.Count} handles> or tag=<one of {CatalogWords.Tags.Length} tags>";

    public override HttpRequestMessage Request(long i) => Get(_paths[i & (_paths.Length - 1)]);
}

/// <summary><c>GET /store/products/{handle}</c> of a random active product (every active product is a candidate).</summary>
internal sealed class HandleScenario(BenchContext context) : Scenario
{
    private readonly string[] _paths = Sequence(
        [.. Enumerable.Range(0, context.Catalog.Count).Where(ProductGenerator.IsActive).Select(i => "store/products/" + context.Catalog.Handle(i))],
        context.Options.Seed + 2);

    public override string Name => "handle";
    public override string Description => "GET /store/products/{handle} of a random active product";

    public override HttpRequestMessage Request(long i) => Get(_paths[i & (_paths.Length - 1)]);
}

/// <summary><c>GET /store/products?q=word</c>, a random word of the title vocabulary (ranked by relevance, page of 20).</summary>
internal sealed class SearchScenario(BenchContext context) : Scenario
{
    private readonly string[] _paths = Sequence(
        [.. CatalogWords.Adjectives.Concat(CatalogWords.Materials).Concat(CatalogWords.Nouns).Select(w => "store/products?limit=20&q=" + w.ToLowerInvariant())],
        context.Options.Seed + 3);

    public override string Name => "search";
    public override string Description =>
        $"GET /store/products?limit=20&q=<one of {CatalogWords.Adjectives.Length + CatalogWords.Materials.Length + CatalogWords.Nouns.Length} title words>";

    public override HttpRequestMessage Request(long i) => Get(_paths[i & (_paths.Length - 1)]);
}
