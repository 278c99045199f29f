using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Bench.Load;

namespace Runner.Bench.Scenarios;

/// <summary>
/// Parallel <c>POST /admin/inventory/reservations</c> of ONE variant with plenty of stock: every request contends
/// for the same stock level row. Stock is received over HTTP first (a location is created when there is none);
/// afterwards <c>GET /admin/inventory/levels</c> must show as many reserved units as there were 201 answers.
/// Skipped while the host has no inventory module (<c>GET /admin/locations</c> answers 404).
/// </summary>
internal sealed class ReserveScenario : Scenario
{
    public const long Stock = 1_000_000;
    private byte[] _body = [];
    private string _variantId = "";
    private long _created;
    private long _unknown;

    public override string Name => "reserve";
    public override string Description => $"POST /admin/inventory/reservations {{ quantity: 1 }} of one variant with {Stock:N0} units received";

    public override IReadOnlyDictionary<string, string> Headers(BenchContext context) => context.AdminHeaders;

    public override async Task<string?> PrepareAsync(BenchContext context, CancellationToken ct)
    {
        using var admin = HttpLoad.CreateClient(context.BaseAddress, 4, context.AdminHeaders);
        using var locations = await admin.GetAsync("admin/locations", ct);
        if (locations.StatusCode == HttpStatusCode.NotFound)
            return "the host has no inventory module yet (GET /admin/locations answered 404)";
        if (!locations.IsSuccessStatusCode) return $"GET /admin/locations answered {(int)locations.StatusCode}: {await locations.Content.ReadAsStringAsync(ct)}";
        var locationId = Items(await locations.Content.ReadFromJsonAsync<JsonNode>(ct)).Select(l => l?["id"]?.GetValue<string>()).FirstOrDefault(id => id is not null);
        if (locationId is null)
        {
            using var created = await admin.PostAsJsonAsync("admin/locations", new { name = "Bench warehouse" }, ct);
            if (!created.IsSuccessStatusCode) return $"POST /admin/locations answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(ct)}";
            locationId = (await created.Content.ReadFromJsonAsync<JsonNode>(ct))?["id"]?.GetValue<string>();
        }

        using var store = HttpLoad.CreateClient(context.BaseAddress, 1, context.StorefrontHeaders);
        using var product = await store.GetAsync($"store/products/{context.Catalog.Handle(0)}", ct);
        _variantId = (await product.Content.ReadFromJsonAsync<JsonNode>(ct))?["variants"]?[0]?["id"]?.GetValue<string>() ?? "";
        if (_variantId.Length == 0) return $"could not read a variant id from GET /store/products/{context.Catalog.Handle(0)} ({(int)product.StatusCode})";

        using var received = await admin.PostAsJsonAsync("admin/inventory/adjustments",
            new { variantId = _variantId, locationId, delta = Stock, reason = "received" }, ct);
        if (!received.IsSuccessStatusCode)
            return $"POST /admin/inventory/adjustments answered {(int)received.StatusCode}: {await received.Content.ReadAsStringAsync(ct)}";
        _body = JsonSerializer.SerializeToUtf8Bytes(new { variantId = _variantId, quantity = 1, locationId, ttlSeconds = 3600 });
        return null;
    }

    public override HttpRequestMessage Request(long i) => new(HttpMethod.Post, "admin/inventory/reservations")
    {
        Content = new ByteArrayContent(_body) { Headers = { { "Content-Type", "application/json" } } },
    };

    public override void Observe(int status)
    {
        if (status == (int)HttpStatusCode.Created) Interlocked.Increment(ref _created);
        // No answer (a client time-out, a dropped connection): the reservation may or may not have been made.
        else if (status == 0) Interlocked.Increment(ref _unknown);
    }

    public override async Task<string?> VerifyAsync(BenchContext context, CancellationToken ct)
    {
        using var admin = HttpLoad.CreateClient(context.BaseAddress, 1, context.AdminHeaders);
        using var levels = await admin.GetAsync($"admin/inventory/levels?variantId={_variantId}", ct);
        var text = await levels.Content.ReadAsStringAsync(ct);
        if (!levels.IsSuccessStatusCode) return $"could not verify: GET /admin/inventory/levels answered {(int)levels.StatusCode}: {text}";
        var reserved = Items(JsonNode.Parse(text))
            .Where(l => string.Equals(l?["variantId"]?.GetValue<string>(), _variantId, StringComparison.OrdinalIgnoreCase))
            .Sum(l => l?["reserved"]?.GetValue<long>() ?? 0);
        var created = Interlocked.Read(ref _created);
        var unknown = Interlocked.Read(ref _unknown);
        if (reserved == created) return $"OK: reserved = {reserved:N0} = number of 201 answers";
        // A request the client gave up on may still have reserved its unit: the count must lie between the two.
        return reserved > created && reserved <= created + unknown
            ? $"OK: reserved = {reserved:N0} = {created:N0} answered 201 + {reserved - created:N0} of the {unknown:N0} the client stopped waiting for"
            : $"MISMATCH: reserved = {reserved:N0} but {created:N0} reservations were answered 201 ({unknown:N0} unanswered)";
    }

    /// <summary>The items of a list answer, whether a bare array or a page (<c>{ "items": [...] }</c>).</summary>
    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node switch
    {
        JsonArray array => array,
        JsonObject page when page["items"] is JsonArray items => items,
        JsonObject page when page["data"] is JsonArray data => data,
        _ => [],
    };
}
