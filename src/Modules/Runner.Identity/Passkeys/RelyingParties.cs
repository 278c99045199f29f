using System.Security.Claims;
using Microsoft.Extensions.Options;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Store.Channels;
using Runner.Store.Contracts;

namespace Runner.Identity.Passkeys;

/// <summary>Where a passkey ceremony may happen: the relying-party id (a domain), its name and the pages (origins) allowed to ask.</summary>
internal sealed record RelyingParty(string Id, string Name, IReadOnlySet<string> Origins);

/// <summary>The dashboard's passkey settings (<c>Runner:Identity:DashboardOrigins</c>, <c>Runner:Identity:DashboardRelyingPartyId</c>).</summary>
public sealed class DashboardPasskeyOptions
{
    /// <summary>Origins besides the host's own address that serve the admin dashboard.</summary>
    public List<string> DashboardOrigins { get; set; } = [];
    /// <summary>The domain staff passkeys are made for; else the host of the host's own address.</summary>
    public string? DashboardRelyingPartyId { get; set; }
}

/// <summary>
/// The relying party of a passkey ceremony. On the storefront it is the channel's of the publishable key: its allowed
/// origins and its relying-party id (else the host of its first origin). The default channel also allows the host's own
/// address (<see cref="PublicAddress"/>), whose host is the id when the channel names no origin. A channel with no
/// origin that is not the default has no relying party: the merchant sets <c>allowedOrigins</c> on it first. The
/// dashboard's is the host's own address plus the configured origins (<see cref="DashboardPasskeyOptions"/>).
/// </summary>
internal sealed class RelyingParties(IStoreQueries store, IServiceProvider services, IOptions<DashboardPasskeyOptions> dashboard)
{
    public async Task<(RelyingParty? Party, Error? Error)> ForStorefrontAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var (origins, configured) = await Authentication.StorefrontOrigins.WebOfAsync(user, store, services, ct);
        var rpId = configured ?? (origins.Count > 0 ? WebOrigins.HostOf(origins[0]) : null);
        if (rpId is null || !WebOrigins.IsDomain(rpId))
            return (null, NoOrigins("Passkeys need the storefront's web origins: set allowedOrigins on this channel (PATCH /admin/channels/{id})."));
        return (new RelyingParty(rpId, await StoreNameAsync(ct), Covered(rpId, origins)), null);
    }

    public async Task<(RelyingParty? Party, Error? Error)> ForDashboardAsync(CancellationToken ct)
    {
        var origins = dashboard.Value.DashboardOrigins.Select(WebOrigins.Normalize).OfType<string>().ToList();
        if (WebOrigins.Normalize(PublicAddress.Of(services)) is { } own) origins.Insert(0, own);
        var rpId = dashboard.Value.DashboardRelyingPartyId?.Trim().ToLowerInvariant() is { Length: > 0 } configured ? configured
            : origins.Count > 0 ? WebOrigins.HostOf(origins[0]) : null;
        if (rpId is null || !WebOrigins.IsDomain(rpId))
            return (null, NoOrigins("Passkeys need the dashboard's address: set Runner:PublicUrl (or Runner:Identity:DashboardOrigins)."));
        return (new RelyingParty(rpId, await StoreNameAsync(ct) + " admin", Covered(rpId, origins)), null);
    }

    /// <summary>
    /// The origins on the relying party's domain: a page elsewhere (a development origin listed beside the shop's own)
    /// can never use its passkeys, and is refused plainly as another origin.
    /// </summary>
    private static HashSet<string> Covered(string rpId, IEnumerable<string> origins) =>
        origins.Where(o => WebOrigins.CoversOrigin(rpId, o)).ToHashSet(StringComparer.Ordinal);

    private async Task<string> StoreNameAsync(CancellationToken ct) => (await store.GetSettingsAsync(ct)).Name;

    private static Error NoOrigins(string message) => Error.Unprocessable("passkeys.no_origins", message);
}
