using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>IInventoryService as in-process callers (the seed, checkout) use it: a request scope of its own per call.</summary>
public static class InventoryScope
{
    public static async Task<T> WithInventoryAsync<T>(this RunnerApp app, Func<IInventoryService, RunnerDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IInventoryService>(), scope.ServiceProvider.GetRequiredService<RunnerDbContext>());
    }

    /// <summary>A new variant with <paramref name="units"/> received at a new retail location named after <paramref name="name"/>.</summary>
    public static async Task<(VariantId Variant, LocationId Location)> StockedVariantAsync(this RunnerApp app, long units, string name)
    {
        var variant = new VariantId(Guid.Parse(await InventoryData.VariantAsync(app.Admin())));
        var location = await app.WithInventoryAsync(async (inventory, _) =>
        {
            var created = await inventory.CreateLocationAsync(new CreateLocationRequest(InventoryData.Unique(name), LocationKind.Retail, 3));
            await inventory.AdjustAsync(new AdjustmentRequest(variant, created.Id, AdjustmentReason.Received, units, Note: "seed"));
            return created.Id;
        });
        return (variant, location);
    }

    public static Task<LevelResponse> LevelAsync(this RunnerApp app, VariantId variant, LocationId location) =>
        app.WithInventoryAsync(async (inventory, _) => (await inventory.GetLevelsAsync([variant], location)).Single());
}
