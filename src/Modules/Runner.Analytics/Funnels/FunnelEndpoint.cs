using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Analytics.Reports;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>
/// <c>GET /admin/analytics/funnel?from=&amp;to=&amp;groupBy=&amp;format=</c>: sessions → product views → add to cart →
/// checkout started → purchase over local dates in the store's time zone. Time groupings list every local hour, day,
/// ISO week or month of the range (zeros included), cut from the UTC quarter-hour counters at query time; dimension
/// groupings sum each source, device, product or collection over the range's quarters. <c>format=csv</c> answers the
/// series as CSV.
/// </summary>
internal static class FunnelEndpoint
{
    private const int Top = 10;

    public static readonly string[] Groupings = ["hour", "day", "week", "month", "channel", "device", "product", "collection"];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/admin/analytics/funnel", Get).RequirePermission(Permissions.AnalyticsRead).WithTags("Analytics").WithName("GetFunnelReport")
            .WithSummary("The shopping funnel (sessions, product views, adds to cart, checkouts, purchases) by period, source, device, product or collection")
            .WithDescription("`from`/`to`: local dates (YYYY-MM-DD, both inclusive; default the last 30 days). `groupBy`: hour, day (default), "
                + "week, month, channel (traffic source), device, product or collection. `format=csv`: the series as CSV. Conversions are "
                + "each step over the one before, 4 decimals; product and collection rows count views, units added and units ordered.")
            .Produces<FunnelReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> Get(string? from, string? to, string? groupBy,
        string? format, RunnerDbContext db, IStoreQueries store, IProductDirectory catalog, TimeProvider clock, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(ct);
        var calendar = StoreCalendar.Of(settings.TimeZone);
        var range = ReportRange.Parse(from, to, calendar.DateOf(Instants.Now(clock)));
        if (!range.IsSuccess) return Problems.Of(range.Error);
        var grouping = (groupBy ?? "day").Trim().ToLowerInvariant();
        if (!Groupings.Contains(grouping))
            return Problems.Of(Error.Invalid("groupBy", "analytics.invalid_group_by", $"groupBy must be one of {string.Join(", ", Groupings)}."));
        var time = ReportRange.TimeGroupingOf(grouping);
        if (time is { } t && range.Value.TooLongForHours(t) is { } tooLong) return Problems.Of(tooLong);
        var csv = format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => (bool?)null,
        };
        if (csv is null) return Problems.Of(Error.Invalid("format", "analytics.invalid_format", "format must be json (the default) or csv."));

        var report = await BuildAsync(db, catalog, calendar, range.Value, grouping, time, ct);
        return csv.Value ? FunnelCsv.Of(report).ToFile($"funnel-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}-{grouping}.csv") : TypedResults.Ok(report);
    }

    private static async Task<FunnelReport> BuildAsync(RunnerDbContext db, IProductDirectory catalog, StoreCalendar calendar, ReportRange range,
        string grouping, TimeGrouping? time, CancellationToken ct)
    {
        await using var snapshot = await FunnelQuery.SnapshotAsync(db, ct);
        var (from, to) = calendar.Quarters(range.From, range.To);
        var (previousFrom, previousTo) = calendar.Quarters(range.Previous.From, range.Previous.To);
        var products = await FunnelQuery.SumByKeyAsync(db, FunnelDimensions.Product, from, to, ct);
        var previous = FunnelShape.Totals(await FunnelQuery.TotalAsync(db, previousFrom, previousTo, ct));

        FunnelTotals totals;
        List<FunnelRow> series;
        if (time is { } t)
        {
            var periods = calendar.Periods(range.From, range.To, t);
            var plan = BucketRanges.Series(periods, Grain.Year);
            var buckets = await FunnelQuery.TotalsOfAsync(db, plan, ct);
            var sums = periods.Select(_ => new long[FunnelTally.Columns.Length]).ToList();
            foreach (var (period, grain, bucket, sign) in plan.Cells())
                if (buckets.TryGetValue((grain, bucket), out var counts)) Add(sums[period], counts, sign);
            // The periods partition the range: their sums are its totals.
            totals = FunnelShape.Totals(sums.Aggregate(new long[FunnelTally.Columns.Length], (total, p) => Add(total, p, 1)));
            series = [.. periods.Select((p, i) => FunnelShape.SessionRow(p.Key, null, sums[i]))];
        }
        else
        {
            totals = FunnelShape.Totals(await FunnelQuery.TotalAsync(db, from, to, ct));
            series = grouping switch
            {
                FunnelDimensions.Product => await ItemRowsAsync(catalog, products, collection: false, ct),
                FunnelDimensions.Collection => await ItemRowsAsync(catalog, await FunnelQuery.SumByKeyAsync(db, grouping, from, to, ct), collection: true, ct),
                _ => [.. (await FunnelQuery.SumByKeyAsync(db, grouping, from, to, ct))
                    .OrderByDescending(s => FunnelShape.Of(s.Value, FunnelCounter.Sessions)).ThenByDescending(s => FunnelShape.Of(s.Value, FunnelCounter.Purchases))
                    .ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => FunnelShape.SessionRow(s.Key, null, s.Value))],
            };
        }
        return new FunnelReport(range.From, range.To, calendar.Zone.Id, grouping, totals, previous, series, await TopAsync(catalog, products, ct));
    }

    /// <summary>Product or collection rows, most viewed first, titled from the catalog.</summary>
    private static async Task<List<FunnelRow>> ItemRowsAsync(IProductDirectory catalog, Dictionary<string, long[]> sums, bool collection, CancellationToken ct)
    {
        var ids = sums.Keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var titles = collection
            ? (await catalog.CollectionTitlesAsync([.. ids.Select(id => new CollectionId(id))], ct)).ToDictionary(c => c.Key.Value, c => c.Value)
            : (await catalog.FindAsync([.. ids.Select(id => new ProductId(id))], ct)).ToDictionary(p => p.Key.Value, p => p.Value.Title);
        return [.. sums.OrderByDescending(s => FunnelShape.Of(s.Value, FunnelCounter.Views)).ThenByDescending(s => FunnelShape.Of(s.Value, FunnelCounter.PurchasedUnits))
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => FunnelShape.ItemRow(s.Key, Guid.TryParse(s.Key, out var id) ? titles.GetValueOrDefault(id) : null, s.Value, collection))];
    }

    /// <summary>The 10 products with the most views, units added and units ordered in the range (those with none left out).</summary>
    private static async Task<TopProducts> TopAsync(IProductDirectory catalog, Dictionary<string, long[]> products, CancellationToken ct)
    {
        List<(Guid Id, long Count)> By(FunnelCounter counter) => [.. products
            .Select(p => (Id: Guid.TryParse(p.Key, out var id) ? id : Guid.Empty, Count: FunnelShape.Of(p.Value, counter)))
            .Where(p => p.Id != Guid.Empty && p.Count > 0).OrderByDescending(p => p.Count).ThenBy(p => p.Id).Take(Top)];
        var (views, adds, bought) = (By(FunnelCounter.Views), By(FunnelCounter.Adds), By(FunnelCounter.PurchasedUnits));
        var ids = views.Concat(adds).Concat(bought).Select(p => new ProductId(p.Id)).ToHashSet();
        var found = await catalog.FindAsync(ids, ct);
        List<TopProduct> Named(List<(Guid Id, long Count)> list) =>
            [.. list.Select(p => new TopProduct(p.Id, found.TryGetValue(new ProductId(p.Id), out var s) ? s.Title : null, p.Count))];
        return new TopProducts(Named(views), Named(adds), Named(bought));
    }

    private static long[] Add(long[] into, long[] counts, int sign)
    {
        for (var i = 0; i < into.Length; i++) into[i] += sign * counts[i];
        return into;
    }
}
