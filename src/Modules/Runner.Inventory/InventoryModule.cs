using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Levels;
using Runner.Inventory.Locations;
using Runner.Inventory.LowStock;
using Runner.Inventory.Reservations;
using Runner.Inventory.Stock;
using Runner.Inventory.Storefront;
using Runner.Inventory.Transfers;
using Runner.Kernel;
using Runner.Kernel.Data;

namespace Runner.Inventory;

/// <summary>Locations, stock levels and their ledger, reservations, transfers and low-stock alerts; the storefront's stock.</summary>
public static class InventoryModule
{
    public static IServiceCollection AddInventory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<InventoryModel>();
        services.Configure<ReservationSweeperOptions>(configuration.GetSection("Runner:Inventory:Sweeper"));
        services.AddScoped<InventoryLookups>();
        services.AddScoped<StockJournal>();
        services.AddScoped<CreateLocation>();
        services.AddScoped<AdjustStock>();
        services.AddScoped<ReserveStock>();
        services.AddScoped<ReleaseReservation>();
        services.AddScoped<ConsumeReservation>();
        services.AddScoped<CreateTransfer>();
        services.AddScoped<ShipTransfer>();
        services.AddScoped<ReceiveTransfer>();
        services.AddScoped<CancelTransfer>();
        services.AddScoped<SetThreshold>();
        services.AddScoped<IInventoryService, InventoryService>();
        services.Replace(ServiceDescriptor.Scoped<IStockAvailability, StockAvailability>());
        services.AddSingleton<StockCache>();
        services.AddSingleton<IRunnerInterceptor, LocationChangeInterceptor>();
        services.AddHostedService<StockChangeWatcher>();
        services.AddOutboxHandler<LowStockEmail>(InventoryEvents.LevelLow);
        services.AddSingleton<ReservationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReservationSweeper>());
        return services;
    }

    public static IEndpointRouteBuilder MapInventory(this IEndpointRouteBuilder endpoints)
    {
        var locations = endpoints.MapGroup("/admin/locations").WithTags("Inventory");
        LocationQueries.Map(locations);
        CreateLocation.Map(locations);
        UpdateLocation.Map(locations);
        ArchiveLocation.Map(locations);

        var inventory = endpoints.MapGroup("/admin/inventory").WithTags("Inventory");
        ListLevels.Map(inventory);
        AdjustStock.Map(inventory);
        ListLedger.Map(inventory);
        ReserveStock.Map(inventory);
        GetReservation.Map(inventory);
        ReleaseReservation.Map(inventory);
        ConsumeReservation.Map(inventory);
        CreateTransfer.Map(inventory);
        TransferQueries.Map(inventory);
        ShipTransfer.Map(inventory);
        ReceiveTransfer.Map(inventory);
        CancelTransfer.Map(inventory);
        SetThreshold.Map(inventory);
        ListLowStock.Map(inventory);
        return endpoints;
    }
}
