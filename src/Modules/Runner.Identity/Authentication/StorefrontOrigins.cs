using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Runner.Kernel.Actors;
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
    public static async Task<IReadOnlyList<string>> OfAsync(HttpContext http, IStoreQueries store, CancellationToken ct) =>
        (await WebOfAsync(http.User, store, http.RequestServices, ct)).Origins;

    /// <summary>
    /// The channel's origins (Runner's own address last, for the default channel) and its passkey relying-party id
    /// (null: the host of the first origin); no origins when the channel is unknown or archived.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Origins, string? RelyingPartyId)> WebOfAsync(ClaimsPrincipal user, IStoreQueries store,
        IServiceProvider services, CancellationToken ct)
    {
        var channel = Guid.TryParse(user.FindFirst(ActorClaims.Channel)?.Value, out var id) ? id : Guid.Empty;
        var web = (await store.ListStorefrontWebAsync(ct)).FirstOrDefault(w => w.Channel.Value == channel);
        if (web is null) return ([], null);
        var origins = web.Origins.ToList();
        if (web.IsDefault && WebOrigins.Normalize(PublicAddress.Of(services)) is { } own && !origins.Contains(own)) origins.Add(own);
        return (origins, web.RelyingPartyId);
    }

    /// <summary>True when <paramref name="url"/> is an absolute URL on one of <paramref name="origins"/>.</summary>
    public static bool Covers(IReadOnlyList<string> origins, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0
        && WebOrigins.Normalize(uri.GetLeftPart(UriPartial.Authority)) is { } origin && origins.Contains(origin);
}
