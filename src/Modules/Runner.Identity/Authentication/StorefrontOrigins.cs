using Microsoft.AspNetCore.Http;
using Runner.Identity.Contracts;
using Runner.Kernel.Http;
using Runner.Store.Channels;
using Runner.Store.Contracts;

namespace Runner.Identity.Authentication;

/// <summary>
/// The web origins of the storefront a request comes from: those listed on its publishable key's channel, and for the
/// default channel also Runner's own address (where the reference storefront runs).
/// </summary>
internal static class StorefrontOrigins
{
    public static async Task<IReadOnlyList<string>> OfAsync(HttpContext http, IStoreQueries store, CancellationToken ct)
    {
        var channel = http.User.Channel();
        var web = (await store.ListStorefrontWebAsync(ct)).FirstOrDefault(w => w.Channel == channel);
        if (web is null) return [];
        var origins = web.Origins.ToList();
        if (web.IsDefault && WebOrigins.Normalize(PublicAddress.Of(http.RequestServices)) is { } own && !origins.Contains(own)) origins.Add(own);
        return origins;
    }

    /// <summary>True when <paramref name="url"/> is an absolute URL on one of <paramref name="origins"/>.</summary>
    public static bool Covers(IReadOnlyList<string> origins, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0
        && WebOrigins.Normalize(uri.GetLeftPart(UriPartial.Authority)) is { } origin && origins.Contains(origin);
}
