using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Store.Channels;
using Runner.Store.Contracts;
using Runner.Store.Settings;

namespace Runner.Store;

internal sealed class StoreQueries(RunnerDbContext db, SnapshotCache<StoreSettingsView> cache, SnapshotCache<ChannelView[]> channels,
    SnapshotCache<StorefrontWeb[]> web)
    : IStoreQueries
{
    /// <summary>
    /// The settings every priced request reads, from memory (<see cref="SnapshotCache{T}"/>). A plain query, not a
    /// compiled one: it runs once per change, and a compiled query is bound to the first model it met, which fails in a
    /// process that holds contexts of both providers (the tests do).
    /// </summary>
    public async Task<StoreSettingsView> GetSettingsAsync(CancellationToken ct = default) =>
        await cache.GetAsync(async token =>
            ToView(await db.Set<StoreSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == StoreSettings.SingletonId, token)
                ?? throw new InvalidOperationException("The store has not been initialised.")), ct);

    internal static StoreSettingsView ToView(StoreSettings s) => new(s.Name, s.DefaultCurrency, s.EnabledCurrencies,
        s.ExchangeRates, s.TimeZone, s.PricesIncludeTax, s.WeightUnit, s.OrderNumberPrefix, s.ContactEmail)
    {
        UpdatedAt = s.UpdatedAt,
    };

    public async Task<ChannelView> GetDefaultChannelAsync(CancellationToken ct = default) =>
        (await db.Set<SalesChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.IsDefault, ct)
            ?? throw new InvalidOperationException("The store has no default channel.")).ToView();

    /// <summary>
    /// The live channels among <paramref name="ids"/>, from memory: every reservation and product write checks its
    /// channels, and a store has a handful of them.
    /// </summary>
    public async Task<IReadOnlyList<ChannelView>> FindChannelsAsync(IReadOnlyCollection<ChannelId> ids, CancellationToken ct = default)
    {
        var live = await channels.GetAsync(async token => await db.Set<SalesChannel>().AsNoTracking().Where(c => c.ArchivedAt == null)
            .Select(c => new ChannelView(c.Id, c.Name, c.Handle, c.IsDefault)).ToArrayAsync(token), ct);
        return [.. live.Where(c => ids.Contains(c.Id))];
    }

    public async Task<IReadOnlyList<ChannelView>> ListChannelsAsync(CancellationToken ct = default) =>
        await db.Set<SalesChannel>().AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.CreatedAt)
            .Select(c => new ChannelView(c.Id, c.Name, c.Handle, c.IsDefault)).ToListAsync(ct);

    public async Task<IReadOnlyList<StorefrontWeb>> ListStorefrontWebAsync(CancellationToken ct = default) =>
        await web.GetAsync(async token => await db.Set<SalesChannel>().AsNoTracking().Where(c => c.ArchivedAt == null)
            .Select(c => new StorefrontWeb(c.Id, c.IsDefault, c.AllowedOrigins, c.RelyingPartyId)).ToArrayAsync(token), ct);
}
