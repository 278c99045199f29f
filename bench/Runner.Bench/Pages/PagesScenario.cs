using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Bench.Analytics;
using Runner.Bench.Catalog;
using Runner.Bench.Hosting;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Pages;

/// <summary>
/// The storefront's and the dashboard's pages, each asked for 20 times one after another (after 3 warm-ups) as a shopper
/// and as the signed-in Owner, on a host of their own with the demo store (a first start as a merchant makes it) and
/// one order placed. The target: every page under 300 ms. With <c>--pages-products N</c> the demo store first gets N
/// generated products (and the bench's collections), so the catalog, inventory and search pages show a large store.
/// </summary>
internal static class PagesScenario
{
    public const string Name = "pages";
    public const double TargetMs = 300;
    private const string OwnerEmail = "owner@bench.example", OwnerPassword = "bench-owner-passphrase-1";

    public static async Task<ScenarioResult> RunAsync(string hostDll, int products, int seed, CancellationToken ct)
    {
        var description = "each storefront and dashboard page of the demo store"
            + (products > 0 ? $" with {products:N0} generated products" : "") + ", 20 sequential GETs (after 3 warm-ups)";
        Console.Out.WriteLine($"== {Name}: {description}");
        var folder = Directory.CreateTempSubdirectory("runner-bench-pages-").FullName;
        var file = Path.Combine(folder, "pages.db");
        File.WriteAllBytes(file, []);
        try
        {
            var keys = BenchKeys.New();
            if (products > 0) await AddProductsAsync(file, keys, products, seed, ct);
            await using var host = await HostProcess.StartAsync(hostDll, BenchDatabase.Existing(file), keys, ct,
                ["--Runner:Seed:Demo=true", $"--Runner:Bootstrap:OwnerEmail={OwnerEmail}", $"--Runner:Bootstrap:OwnerPassword={OwnerPassword}"]);
            using var store = HttpLoad.CreateClient(host.BaseAddress, 2, new Dictionary<string, string> { ["X-Publishable-Key"] = keys.Publishable });
            using var admin = HttpLoad.CreateClient(host.BaseAddress, 2, new Dictionary<string, string> { ["Authorization"] = "Bearer " + keys.Admin });
            var order = await PlaceOrderAsync(store, ct);
            using var shopper = Browser(host.BaseAddress, null);
            using var owner = Browser(host.BaseAddress, await SignInAsync(host.BaseAddress, ct));
            // A product on the storefront (with generated products, the admin list's first may be a draft).
            var product = await FirstAsync(store, "/store/products?limit=1", ct);
            var customer = await FirstAsync(admin, "/admin/customers?limit=1", ct);
            var handle = product.GetProperty("handle").GetString();
            var variant = product.GetProperty("variants")[0].GetProperty("id").GetString();
            var location = (await FirstAsync(admin, "/admin/locations", ct)).GetProperty("id").GetString();

            (HttpClient Client, string Path)[] pages =
            [
                (shopper, "/"), (shopper, "/collections"), (shopper, "/collections/new-arrivals"), (shopper, "/search?q=mug"),
                (shopper, $"/products/{handle}"), (shopper, "/cart"), (shopper, "/checkout"), (shopper, "/account"),
                (shopper, $"/orders/{order.Id}?token={order.Token}"),
                (owner, "/dashboard"), (owner, "/dashboard/orders"), (owner, $"/dashboard/orders/{order.Id}"),
                (owner, "/dashboard/products"), (owner, $"/dashboard/products/{product.GetProperty("id").GetString()}"), (owner, "/dashboard/products/bulk"),
                (owner, "/dashboard/inventory"), (owner, $"/dashboard/inventory/adjust?variant={variant}&location={location}"),
                (owner, "/dashboard/customers"), (owner, $"/dashboard/customers/{customer.GetProperty("id").GetString()}"),
                (owner, "/dashboard/analytics"), (owner, "/dashboard/analytics/expenses"),
                (owner, "/dashboard/settings"), (owner, "/dashboard/settings/taxes"), (owner, "/dashboard/settings/shipping"),
                (owner, "/dashboard/settings/payments"), (owner, "/dashboard/settings/staff"), (owner, "/dashboard/settings/api-keys"),
                (owner, "/dashboard/settings/audit"),
            ];
            var timings = new List<ReportTiming>();
            foreach (var (client, path) in pages) timings.Add(await TimeAsync(client, path, ct));
            var figures = new ReportFigures($"The demo store ({product.GetProperty("title").GetString()} and the rest), one order placed; "
                + "shopper pages without cookies, dashboard pages as the signed-in Owner.", 1, "Page", timings);
            Console.Out.WriteLine(ReportTimer.Describe(figures));
            return new ScenarioResult(Name, description, null, null, null, null, Reports: figures);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or KeyNotFoundException or TimeoutException)
        {
            Console.Out.WriteLine($"   failed: {e.GetType().Name}: {e.Message}");
            return ScenarioResult.Skip(Name, description, $"failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The demo store made in this process, as the host's first start makes it, then <paramref name="products"/> generated
    /// products added through the engine's catalog; the Owner is made here, with the password the scenario signs in with.
    /// </summary>
    private static async Task AddProductsAsync(string file, BenchKeys keys, int products, int seed, CancellationToken ct)
    {
        Console.Out.WriteLine($"   adding {products:N0} generated products to the demo store…");
        var settings = CatalogSeeder.HostSettings("sqlite", $"Data Source={file}", keys, demo: true);
        settings["Runner:Bootstrap:OwnerEmail"] = OwnerEmail;
        settings["Runner:Bootstrap:OwnerPassword"] = OwnerPassword;
        var report = await new CatalogSeeder(new ProductGenerator(seed, products), settings, handlePrefix: "bench-").RunAsync(ct);
        Console.Out.WriteLine($"   {report.Products:N0} products in {report.Catalog.TotalSeconds:F1} s; {report.Outbox}");
    }

    /// <summary>A page's latency, whole body read; a page that does not answer 200 fails the scenario.</summary>
    private static async Task<ReportTiming> TimeAsync(HttpClient client, string path, CancellationToken ct)
    {
        var ticks = new long[ReportTimer.Runs];
        for (var i = -ReportTimer.Warmup; i < ReportTimer.Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if ((int)response.StatusCode != 200) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            if (i >= 0) ticks[i] = elapsed;
        }
        Array.Sort(ticks);
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        return new ReportTiming(path.Split('?')[0], ReportTimer.Runs, Ms(ticks[ReportTimer.Runs / 2 - 1]),
            Ms(ticks[(int)Math.Ceiling(0.95 * ReportTimer.Runs) - 1]), Ms(ticks[^1]), 0);
    }

    /// <summary>A client as a browser on this machine: its own cookie header (the sign-in cookie is Secure, kept by hand).</summary>
    private static HttpClient Browser(Uri address, string? cookie)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) RunnerBench/1.0");
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The Owner's sign-in cookie (name=value), as the dashboard's sign-in gives it.</summary>
    private static async Task<string> SignInAsync(Uri address, CancellationToken ct)
    {
        using var client = Browser(address, null);
        using var response = await client.PostAsJsonAsync("/admin/auth/password",
            new { email = OwnerEmail, password = OwnerPassword, useCookie = true }, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("__Host-runner-staff=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    private static async Task<JsonElement> FirstAsync(HttpClient admin, string path, CancellationToken ct) =>
        (await admin.GetFromJsonAsync<JsonElement>(path, ct)).GetProperty("items")[0];

    private sealed record Placed(string Id, string Token);

    /// <summary>A guest checkout of the first product in stock, paid with the sandbox's good card.</summary>
    private static async Task<Placed> PlaceOrderAsync(HttpClient store, CancellationToken ct)
    {
        async Task<JsonElement> Post(string path, object body, string? key = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            using var response = await store.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        var products = await store.GetFromJsonAsync<JsonElement>("/store/products?inStock=true&limit=1", ct);
        var variant = products.GetProperty("items")[0].GetProperty("variants").EnumerateArray().First(v => v.GetProperty("availableForSale").GetBoolean());
        var cart = (await Post("/store/carts", new { currency = "USD", email = "bench-pages@example.com" })).GetProperty("id").GetString();
        await Post($"/store/carts/{cart}/lines", new { variantId = variant.GetProperty("id").GetString(), quantity = 1 });
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/store/carts/{cart}")
        {
            Content = JsonContent.Create(new { shippingAddress = new { firstName = "Ada", lastName = "Lovelace", line1 = "1 Main St", city = "Portland", region = "OR", postalCode = "97205", country = "US" } }),
        })
        using (var patched = await store.SendAsync(patch, ct)) patched.EnsureSuccessStatusCode();
        var rates = await store.GetFromJsonAsync<JsonElement>($"/store/carts/{cart}/shipping-rates", ct);
        await Post($"/store/carts/{cart}/shipping-rate", new { rateId = rates.GetProperty("items")[0].GetProperty("id").GetString() });
        var token = (await Post("/store/payment-tokens", new { number = "4242424242424242", expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123", holderName = "Ada Lovelace" })).GetProperty("token").GetString();
        var order = await Post($"/store/carts/{cart}/complete", new { paymentToken = token }, Guid.NewGuid().ToString());
        return new Placed(order.GetProperty("id").GetString()!, order.GetProperty("statusToken").GetString()!);
    }
}
