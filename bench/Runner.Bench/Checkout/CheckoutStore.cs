using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runner.Bench.Catalog;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Checkout;

/// <summary>
/// What the checkout scenarios need besides the catalog, set up once per run through the admin API (so a database
/// kept by an earlier run works too): a location, <see cref="UnitsPerVariant"/> units of every variant of the
/// shopping pool, a shipping zone with a flat rate for the shoppers' country, and fraud settings under which one
/// card from one IP is not flagged (see <see cref="FraudSettings"/>). Also reads back orders and stock for the checks.
/// </summary>
internal sealed class CheckoutStore(BenchContext context)
{
    /// <summary>Products whose variants the shoppers buy (3 variants each): enough that 64 shoppers rarely queue for one stock row.</summary>
    public const int PoolProducts = 60;
    public const long UnitsPerVariant = 1_000_000;

    /// <summary>
    /// Every bench shopper pays with the same test card from 127.0.0.1, which the velocity rules rightly count as one
    /// card and one IP: the limit is raised to its maximum and the thresholds above the points that card and IP
    /// collect (40 + 25), so every checkout is still screened (attempts recorded and counted) but none is held or refused.
    /// </summary>
    private static readonly object FraudSettings = new { fraud = new { velocityLimitPerHour = 10_000, reviewThreshold = 100, refuseThreshold = 200 } };

    private Task<string?>? _prepared;

    public string LocationId { get; private set; } = "";
    /// <summary>The variant ids of the shopping pool.</summary>
    public IReadOnlyList<string> Pool { get; private set; } = [];
    /// <summary>A variant outside the pool, for the flash sale.</summary>
    public string SaleVariant { get; private set; } = "";

    public HttpClient Admin() => HttpLoad.CreateClient(context.BaseAddress, 8, context.AdminHeaders);

    /// <summary>Sets everything up on the first call; returns why checkout cannot run, or null.</summary>
    public Task<string?> PrepareAsync(CancellationToken ct) => _prepared ??= SetUpAsync(ct);

    private async Task<string?> SetUpAsync(CancellationToken ct)
    {
        using var admin = Admin();
        using var store = HttpLoad.CreateClient(context.BaseAddress, 8, context.StorefrontHeaders);
        using (var probe = await store.PostAsJsonAsync("store/payment-tokens", new { }, ct))
        {
            if (probe.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                return "the host has no checkout yet (POST /store/payment-tokens answered 404)";
        }

        var products = Enumerable.Range(1, Math.Max(0, context.Catalog.Count - 1)).Where(ProductGenerator.IsActive).ToList();
        if (products.Count < 2) return "the catalog needs at least 3 products for checkout (one for the flash sale)";
        var pool = new List<string>();
        foreach (var i in products.Take(Math.Min(PoolProducts, products.Count - 1))) pool.AddRange(await VariantsAsync(store, i, ct));
        SaleVariant = (await VariantsAsync(store, products[^1], ct))[0];
        Pool = pool;

        LocationId = await LocationAsync(admin, ct);
        foreach (var variant in Pool)
            await Expect(admin.PostAsJsonAsync("admin/inventory/adjustments",
                new { variantId = variant, locationId = LocationId, delta = UnitsPerVariant, reason = "received", note = "Bench stock" }, ct), ct);
        await ShippingZoneAsync(admin, ct);
        using var settings = new HttpRequestMessage(HttpMethod.Patch, "admin/settings/payments") { Content = JsonContent.Create(FraudSettings) };
        await Expect(admin.SendAsync(settings, ct), ct);
        return null;
    }

    /// <summary>Sets the flash-sale variant's stock to exactly <paramref name="units"/> available; returns why it could not, or null.</summary>
    public async Task<string?> StockSaleAsync(long units, CancellationToken ct)
    {
        using var admin = Admin();
        await Expect(admin.PostAsJsonAsync("admin/inventory/adjustments",
            new { variantId = SaleVariant, locationId = LocationId, quantity = units, reason = "counted", note = "Flash sale stock" }, ct), ct);
        var level = (await LevelsAsync([SaleVariant], ct))[SaleVariant];
        return level.Available == units ? null : $"the flash-sale variant has {level.Available} units available after counting {units} ({level.Reserved} reserved)";
    }

    /// <summary>On hand and available per variant, summed over every location.</summary>
    public async Task<Dictionary<string, (long OnHand, long Available, long Reserved)>> LevelsAsync(IReadOnlyCollection<string> variants, CancellationToken ct)
    {
        using var admin = Admin();
        var levels = variants.ToDictionary(v => v, _ => (OnHand: 0L, Available: 0L, Reserved: 0L), StringComparer.OrdinalIgnoreCase);
        await foreach (var level in PagesAsync(admin, $"admin/inventory/levels?locationId={LocationId}", ct))
        {
            var id = level?["variantId"]?.GetValue<string>();
            if (id is null || !levels.TryGetValue(id, out var sum)) continue;
            levels[id] = (sum.OnHand + Long(level, "onHand"), sum.Available + Long(level, "available"), sum.Reserved + Long(level, "reserved"));
        }
        return levels;
    }

    /// <summary>
    /// The orders placed since <paramref name="since"/> whose email starts with <paramref name="prefix"/> (each scenario's
    /// shoppers have emails of their own).
    /// </summary>
    public async Task<long> CountOrdersAsync(string prefix, DateTimeOffset since, CancellationToken ct)
    {
        using var admin = Admin();
        var count = 0L;
        await foreach (var order in PagesAsync(admin, $"admin/orders?createdFrom={Uri.EscapeDataString(since.ToString("O"))}", ct))
            if (order?["email"]?.GetValue<string>() is { } email && email.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) count++;
        return count;
    }

    private static long Long(JsonNode? node, string name) => node?[name]?.GetValue<long>() ?? 0;

    private static async IAsyncEnumerable<JsonNode?> PagesAsync(HttpClient admin, string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var separator = path.Contains('?') ? '&' : '?';
        for (string? cursor = null; ;)
        {
            var page = await Expect(admin.GetAsync($"{path}{separator}limit=100{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", ct), ct);
            foreach (var item in page?["items"]?.AsArray() ?? []) yield return item;
            cursor = page?["nextCursor"]?.GetValue<string>();
            if (cursor is null) yield break;
        }
    }

    private async Task<IReadOnlyList<string>> VariantsAsync(HttpClient store, int product, CancellationToken ct) =>
        [.. ((await Expect(store.GetAsync($"store/products/{context.Catalog.Handle(product)}", ct), ct))?["variants"]?.AsArray() ?? [])
            .Select(v => v?["id"]?.GetValue<string>()).OfType<string>()];

    private static async Task<string> LocationAsync(HttpClient admin, CancellationToken ct)
    {
        var existing = (await Expect(admin.GetAsync("admin/locations", ct), ct))?["items"]?.AsArray().Select(l => l?["id"]?.GetValue<string>()).FirstOrDefault(id => id is not null);
        return existing ?? (await Expect(admin.PostAsJsonAsync("admin/locations", new { name = "Bench warehouse" }, ct), ct))?["id"]?.GetValue<string>()
            ?? throw new InvalidOperationException("POST /admin/locations answered without an id.");
    }

    /// <summary>A zone for the shoppers' country with a flat rate, unless one covers the whole country already (a kept database).</summary>
    private static async Task ShippingZoneAsync(HttpClient admin, CancellationToken ct)
    {
        var zones = (await Expect(admin.GetAsync("admin/settings/shipping-zones", ct), ct))?["items"]?.AsArray() ?? [];
        if (zones.Any(z => z?["areas"]?.AsArray().Any(a => a?["country"]?.GetValue<string>() == ShopperFlow.ShippingCountry && a["region"] is null) == true))
            return;
        await Expect(admin.PostAsJsonAsync("admin/settings/shipping-zones", new
        {
            name = "Bench: United States",
            areas = new[] { new { country = ShopperFlow.ShippingCountry } },
            rates = new[]
            {
                new { name = "Standard", kind = "flat", carrier = "Bench Post", service = "Ground", minDays = 3, maxDays = 5, price = new { amount = 500, currency = "USD" } },
                new { name = "Express", kind = "flat", carrier = "Bench Post", service = "Express", minDays = 1, maxDays = 2, price = new { amount = 1500, currency = "USD" } },
            },
        }, ct), ct);
    }

    /// <summary>The JSON of a 2xx answer; anything else stops the set-up with the status and the body.</summary>
    private static async Task<JsonNode?> Expect(Task<HttpResponseMessage> call, CancellationToken ct)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} /{response.RequestMessage?.RequestUri?.PathAndQuery.TrimStart('/')} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
