using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Ids;
using Runner.Store.Channels;
using Runner.Store.Contracts;
using Runner.Store.Settings;

namespace Runner.Store;

/// <summary>Creates the settings row and the default "Online Store" channel the first time the engine starts.</summary>
public static class StoreInitializer
{
    public static Task<bool> ExistsAsync(RunnerDbContext db, CancellationToken ct) => db.Set<StoreSettings>().AnyAsync(ct);

    public static async Task<bool> EnsureAsync(RunnerDbContext db, string? storeName, CancellationToken ct, string? contactEmail = null)
    {
        var created = false;
        if (!await db.Set<StoreSettings>().AnyAsync(ct))
        {
            db.Add(new StoreSettings
            {
                Name = storeName ?? "My Runner Store",
                ContactEmail = contactEmail,
                DefaultCurrency = "USD",
                EnabledCurrencies = ["USD"],
                TimeZone = "UTC",
                WeightUnit = "kg",
                OrderNumberPrefix = "#",
            });
            created = true;
        }
        if (!await db.Set<SalesChannel>().AnyAsync(c => c.IsDefault, ct))
        {
            db.Add(new SalesChannel { Id = TypedId.New<ChannelId>(), Name = "Online Store", Handle = "online-store", IsDefault = true });
        }
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>Names the store (a store that came with its data, such as the demo store, named by configuration).</summary>
    public static async Task RenameAsync(RunnerDbContext db, string storeName, CancellationToken ct)
    {
        var settings = await db.Set<StoreSettings>().SingleAsync(ct);
        if (settings.Name == storeName) return;
        settings.Name = storeName;
        await db.SaveChangesAsync(ct);
    }
}
