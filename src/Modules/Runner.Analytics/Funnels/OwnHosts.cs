using Runner.Store.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>The store's own hosts (its storefronts' origins, from memory): a visit referred by one of them has no outside source.</summary>
internal static class OwnHosts
{
    public static async Task<IReadOnlyList<string>> OfAsync(IStoreQueries store, CancellationToken ct) =>
        [.. (await store.ListStorefrontWebAsync(ct)).SelectMany(w => w.Origins).Select(TrafficSource.HostOf).OfType<string>().Distinct()];
}
