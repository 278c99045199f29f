using System.Text.Json;
using Runner.Host.Web.Api;

namespace Runner.Host.Web.Storefront;

/// <summary>
/// The shopper's cart, remembered by its id in a first-party cookie. A cart is made at the first add, in the store's
/// currency, with where the visit came from (the cookies the storefront's script keeps) as its attribution.
/// </summary>
public sealed class ShopperCart(StoreApi api, IHttpContextAccessor accessor, Runner.Store.Contracts.IStoreQueries store)
{
    public const string Cookie = "runner_cart";

    private HttpContext Http => accessor.HttpContext!;

    public Guid? Id => Guid.TryParse(Http.Request.Cookies[Cookie], out var id) ? id : null;

    /// <summary>The open cart, or null when there is none (or it was completed: a new one starts at the next add).</summary>
    public async Task<Cart?> GetAsync(CancellationToken ct = default)
    {
        if (Id is not { } id) return null;
        var cart = await api.GetAsync<Cart>($"/store/carts/{id}", ct);
        return cart.Value is { Status: "open" } open ? open : null;
    }

    public async Task<ApiResult<Cart>> AddAsync(Guid variantId, long quantity, CancellationToken ct = default)
    {
        var cart = await GetAsync(ct);
        if (cart is null)
        {
            var settings = await store.GetSettingsAsync(ct);
            var created = await api.PostAsync<Cart>("/store/carts", new { currency = settings.DefaultCurrency, attribution = Attribution() }, ct: ct);
            if (!created.Ok) return created;
            cart = created.Value!;
            Remember(cart.Id);
        }
        return await api.PostAsync<Cart>($"/store/carts/{cart.Id}/lines", new { variantId, quantity }, ct: ct);
    }

    public void Forget() => Http.Response.Cookies.Delete(Cookie);

    private void Remember(Guid id) => Http.Response.Cookies.Append(Cookie, id.ToString(), new CookieOptions
    {
        HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Http.Request.IsHttps, MaxAge = TimeSpan.FromDays(30), Path = "/",
    });

    private object Attribution()
    {
        var cookies = Http.Request.Cookies;
        Dictionary<string, string?>? source = null;
        if (cookies["runner_attr"] is { Length: > 0 } raw)
        {
            try { source = JsonSerializer.Deserialize<Dictionary<string, string?>>(Uri.UnescapeDataString(raw)); }
            catch (JsonException) { }
        }
        string? Of(string name) => source?.GetValueOrDefault(name) is { Length: > 0 and <= 200 } v ? v : null;
        string? Id(string name) => cookies[name] is { Length: > 0 and <= 64 } v ? v : null;
        return new
        {
            visitorId = Id("runner_vid"), sessionId = Id("runner_sid"),
            utmSource = Of("utmSource"), utmMedium = Of("utmMedium"), utmCampaign = Of("utmCampaign"), referrer = Of("referrer"),
        };
    }
}
