using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Catalog.Media;
using Runner.Catalog.Products;
using Runner.Catalog.Storefront;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog;

/// <summary>Products, options, variants, prices, media, collections and search; the storefront's product API.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<CatalogModel>();
        services.Configure<CatalogOptions>(configuration.GetSection("Runner:Catalog"));
        services.Configure<MediaOptions>(configuration.GetSection("Runner:Media"));
        services.TryAddScoped<IMediaStore, DatabaseMediaStore>();
        services.AddSingleton<ProductDocumentCache>();
        services.AddSingleton<StorefrontCache>();
        services.AddSingleton<IRunnerInterceptor, CatalogChangeInterceptor>();
        services.AddHostedService<CatalogChangeWatcher>();
        services.AddScoped<ProductDocuments>();
        services.AddScoped<ProductQuery>();
        services.AddScoped<ProductWriteContext>();
        services.AddScoped<ProductWriter>();
        services.AddScoped<CollectionMembership>();
        services.AddScoped<IVariantDirectory, VariantDirectory>();
        services.AddScoped<IProductDirectory, ProductDirectory>();
        services.AddScoped<ICatalogAdmin, CatalogAdmin>();
        services.AddScoped<IDefaultCurrencyGuard, PricedCatalogGuard>();
        services.TryAddScoped<IStockAvailability, NoStock>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder endpoints)
    {
        ProductEndpoints.Map(endpoints);
        AdminProductList.Map(endpoints);
        VariantEndpoints.Map(endpoints);
        VariantLookup.Map(endpoints);
        CollectionEndpoints.Map(endpoints);
        StoreProductEndpoints.Map(endpoints);
        StoreCollectionEndpoints.Map(endpoints);
        MediaEndpoints.Map(endpoints);
        return endpoints;
    }
}
