using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Identity.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Catalog.Storefront;

/// <summary>
/// The storefront's product endpoints: active products published to the key's channel. A list page is computed by
/// one SQL statement and then remembered until the catalog changes (<see cref="StorefrontCache"/>); documents come
/// pre-serialised from <see cref="ProductDocumentCache"/> and availability from the inventory module, per request.
/// </summary>
internal static class StoreProductEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/store/products").WithTags("Storefront");
        group.MapGet("", List).RequireStorefront().WithName("StoreListProducts")
            .Produces<Page<StoreProduct>>(StatusCodes.Status200OK, "application/json")
            .WithSummary("List products: filter, search, sort, cursor paging, prices in any enabled currency")
            .WithDescription("`collection` takes a handle or an id and includes its sub-collections. `q` searches title, "
                + "description, SKUs and tags, ranked by relevance unless `sort` is given. `minPrice`/`maxPrice` are minor "
                + "units of the presented currency. `sort`: title, -title, price, -price, newest (default; a collection "
                + "without `sort` keeps its own order). Availability is live; the rest may lag a change made by another "
                + "host process by about a second.");
        group.MapGet("/{handle}", Get).RequireStorefront().WithName("StoreGetProduct")
            .Produces<StoreProduct>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(404).WithSummary("A product by its handle");
    }

    internal static async Task<IResult> List(
        HttpContext http, ProductQuery query, ProductDocuments documents, IStoreQueries store, IStockAvailability stock,
        StorefrontCache cache, RunnerDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        int? limit, string? cursor, string? collection, string? tag, string? type, string? vendor,
        long? minPrice, long? maxPrice, string? q, bool? inStock, string? sort, string? currency, CancellationToken ct)
    {
        var channel = http.User.Channel();
        // Settings are read only to present another currency; the default one is each product's own.
        var settings = string.IsNullOrEmpty(currency) ? null : await store.GetSettingsAsync(ct);
        var shown = settings is null ? null : PresentationCurrency(currency, settings);
        var v = new Validator();
        if (minPrice is < 0) v.Add("minPrice", "validation.out_of_range", "minPrice cannot be negative.");
        if (maxPrice is < 0) v.Add("maxPrice", "validation.out_of_range", "maxPrice cannot be negative.");
        if (q is { Length: > 200 }) v.Add("q", "validation.too_long", "q must be at most 200 characters.");
        var order = ParseSort(sort, v);
        var size = Cursor.Limit(limit);
        v.ThrowIfInvalid();

        var epoch = cache.Epoch;
        var stockVersion = stock.Version;
        var filter = new ProductFilter
        {
            Channel = channel,
            Tag = Empty(tag), Type = Empty(type), Vendor = Empty(vendor),
            MinPrice = minPrice is { } min ? ToDefault(min, shown, settings, roundUp: false) : null,
            MaxPrice = maxPrice is { } max ? ToDefault(max, shown, settings, roundUp: true) : null,
            InStock = inStock,
            Query = q,
            Limit = size,
            Cursor = cursor,
        };
        var key = PageKey(filter, collection, order);
        if (!cache.Pages.TryGet(key, out var page) || page.Epoch != epoch || (inStock is not null && page.StockVersion != stockVersion))
        {
            var (collections, collectionSort) = collection is null ? ([], CollectionSort.Manual) : await ResolveAsync(db, cache, collection, epoch, ct);
            filter = filter with
            {
                Collections = collections,
                Sort = order ?? (q is not null ? ProductSort.Relevance : collections.Count > 0 ? ByCollection(collectionSort) : ProductSort.Newest),
            };
            var (rows, next) = collection is not null && collections.Count == 0 ? ([], null) : await query.RunAsync(filter, ct);
            page = new PageEntry(epoch, stockVersion, rows, next);
            cache.Pages.Set(key, page);
        }
        var docs = await documents.GetAsync(page.Rows, ct);
        var available = await stock.GetAvailableAsync(channel, [.. docs.SelectMany(d => d.Document.Variants).Select(x => x.Id)], ct);
        var options = json.Value.SerializerOptions;
        return StoreJsonResult.Page([.. docs.Select(d => d.Json(shown, settings, options))], available, page.NextCursor);
    }

    internal static async Task<IResult> Get(
        string handle, HttpContext http, RunnerDbContext db, ProductDocuments documents, IStoreQueries store,
        IStockAvailability stock, StorefrontCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, string? currency, CancellationToken ct)
    {
        var channel = http.User.Channel();
        var settings = string.IsNullOrEmpty(currency) ? null : await store.GetSettingsAsync(ct);
        var shown = settings is null ? null : PresentationCurrency(currency, settings);
        var epoch = cache.Epoch;
        if (!cache.Handles.TryGet((channel, handle), out var entry) || entry.Epoch != epoch)
        {
            var row = await db.Set<Product>().AsNoTracking()
                .Where(p => p.Handle == handle && p.Status == ProductStatus.Active && p.Channels.Any(c => c.ChannelId == channel))
                .Select(p => new ProductRow(p.Id, p.Version)).FirstOrDefaultAsync(ct);
            entry = new HandleEntry(epoch, row);
            cache.Handles.Set((channel, handle), entry);
        }
        if (entry.Row is null) return Problems.Of(Error.NotFound("catalog.product_not_found", $"No product with the handle '{handle}' is on sale here."));
        var doc = (await documents.GetAsync([entry.Row], ct)).Single();
        var available = await stock.GetAvailableAsync(channel, [.. doc.Document.Variants.Select(x => x.Id)], ct);
        return StoreJsonResult.Single(doc.Json(shown, settings, json.Value.SerializerOptions), available);
    }

    private static async Task<(IReadOnlyList<CollectionId>, CollectionSort)> ResolveAsync(
        RunnerDbContext db, StorefrontCache cache, string collection, long epoch, CancellationToken ct)
    {
        if (cache.Collections.TryGet(collection, out var known) && known.Epoch == epoch) return (known.Ids, known.Sort);
        var (ids, sort) = await CollectionTree.ResolveAsync(db, collection, ct);
        cache.Collections.Set(collection, new CollectionEntry(epoch, ids, sort));
        return (ids, sort);
    }

    /// <summary>Everything that decides which rows a page holds (not the currency: prices are applied per request).</summary>
    private static string PageKey(ProductFilter f, string? collection, ProductSort? sort) => string.Join('\u001f',
        f.Channel?.Value.ToString(), collection, f.Tag?.Trim().ToLowerInvariant(), f.Type?.Trim().ToLowerInvariant(),
        f.Vendor?.Trim().ToLowerInvariant(), f.MinPrice, f.MaxPrice, f.InStock, f.Query, sort, f.Limit, f.Cursor);

    internal static string PresentationCurrency(string? currency, StoreSettingsView settings)
    {
        if (string.IsNullOrEmpty(currency)) return settings.DefaultCurrency;
        if (!Currency.IsKnown(currency))
            throw new DomainException(Error.Invalid("currency", "money.unknown_currency", $"'{currency}' is not an ISO 4217 currency code."));
        if (!settings.IsEnabled(currency))
            throw new DomainException(Error.Invalid("currency", "money.currency_not_enabled", $"{currency} is not enabled for this store."));
        return currency;
    }

    internal static ProductSort? ParseSort(string? sort, Validator v)
    {
        switch (sort)
        {
            case null or "": return null;
            case "title": return ProductSort.Title;
            case "-title": return ProductSort.TitleDesc;
            case "price": return ProductSort.Price;
            case "-price": return ProductSort.PriceDesc;
            case "newest": return ProductSort.Newest;
            default:
                v.Add("sort", "catalog.invalid_sort", "sort must be one of title, -title, price, -price, newest.");
                return null;
        }
    }

    /// <summary>A price bound in the presented currency, in default-currency minor units (bounds widen, never narrow).</summary>
    private static long ToDefault(long amount, string? currency, StoreSettingsView? settings, bool roundUp)
    {
        if (currency is null || settings is null || currency == settings.DefaultCurrency) return amount;
        var rate = settings.ExchangeRates[currency];
        var back = new Money(amount, currency).ConvertTo(settings.DefaultCurrency, 1 / rate);
        return roundUp ? back.Minor + 1 : Math.Max(0, back.Minor - 1);
    }

    private static ProductSort ByCollection(CollectionSort sort) => sort switch
    {
        CollectionSort.TitleAsc => ProductSort.Title,
        CollectionSort.TitleDesc => ProductSort.TitleDesc,
        CollectionSort.PriceAsc => ProductSort.Price,
        CollectionSort.PriceDesc => ProductSort.PriceDesc,
        CollectionSort.Newest => ProductSort.Newest,
        _ => ProductSort.Collection,
    };

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
