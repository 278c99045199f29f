using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Store.Channels;
using Runner.Store.Contracts;
using Runner.Store.Settings;

namespace Runner.Store;

internal sealed class StoreQueries(RunnerDbContext db, SnapshotCache<StoreSettingsView> cache) : IStoreQueries
{
    private static readonly Func<RunnerDbContext, CancellationToken, Task<StoreSettings?>> Settings =
        EF.CompileAsyncQuery((RunnerDbContext db, CancellationToken _) =>
            db.Set<StoreSettings>().AsNoTracking().FirstOrDefault(s => s.Id == StoreSettings.SingletonId));

    /// <summary>The settings every priced request reads, from memory (<see cref="SnapshotCache{T}"/>).</summary>
    public async Task<StoreSettingsView> GetSettingsAsync(CancellationToken ct = default) =>
        await cache.GetAsync(async token =>
            ToView(await Settings(db, token) ?? throw new InvalidOperationException("The store has not been initialised.")), ct);

    internal static StoreSettingsView ToView(StoreSettings s) => new(s.Name, s.DefaultCurrency, s.EnabledCurrencies,
        s.ExchangeRates, s.TimeZone, s.PricesIncludeTax, s.WeightUnit, s.OrderNumberPrefix, s.ContactEmail)
    {
        UpdatedAt = s.UpdatedAt,
    };

    public async Task<ChannelView> GetDefaultChannelAsync(CancellationToken ct = default) =>
        (await db.Set<SalesChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.IsDefault, ct)
            ?? throw new InvalidOperationException("The store has no default channel.")).ToView();

    public async Task<IReadOnlyList<ChannelView>> FindChannelsAsync(IReadOnlyCollection<ChannelId> ids, CancellationToken ct = default) =>
        await db.Set<SalesChannel>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.ArchivedAt == null)
            .Select(c => new ChannelView(c.Id, c.Name, c.Handle, c.IsDefault)).ToListAsync(ct);

    public async Task<IReadOnlyList<ChannelView>> ListChannelsAsync(CancellationToken ct = default) =>
        await db.Set<SalesChannel>().AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.CreatedAt)
            .Select(c => new ChannelView(c.Id, c.Name, c.Handle, c.IsDefault)).ToListAsync(ct);
}
