using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Analytics.Ledger;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Analytics.Reports;

/// <summary><c>GET /admin/analytics/profit</c>: net profit over local dates, grouped by time or by what sold, as JSON or CSV.</summary>
internal static class ProfitEndpoints
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/admin/analytics/profit", Get).RequirePermission(Permissions.AnalyticsRead).WithTags("Analytics").WithName("GetProfitReport")
            .WithSummary("Net profit: sales, discounts, refunds, shipping, taxes, cost of goods, fees, shipping costs and expenses")
            .WithDescription("`from` and `to` are local dates of the store (`YYYY-MM-DD`, both inclusive; default: the last 30 days). "
                + "`groupBy`: `hour`, `day` (default), `week` (ISO, from Monday), `month`, `product`, `collection`, `channel` (UTM source / "
                + "medium, else the referrer's host, else `direct`), `cohort` (month of the customer's first order) or `salesChannel`. "
                + "Groups are sorted by net sales, at most `limit` (default 100, up to 1000). `format=csv` answers the same as CSV.")
            .Produces<ProfitReportResponse>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();

    internal static async Task<IResult> Get(ProfitReport report, IStoreQueries store, IProductDirectory names, TimeProvider clock,
        string? from, string? to, string? groupBy, int? limit, string? format, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(ct);
        var calendar = StoreCalendar.Of(settings.TimeZone);
        var parsed = ReportRange.Parse(from, to, calendar.DateOf(clock.GetUtcNow()));
        if (!parsed.IsSuccess) return Problems.Of(parsed.Error!);
        var range = parsed.Value;
        if (Grouping(groupBy) is not { } grouping)
            return Problems.Of(Error.Invalid("groupBy", "analytics.invalid_group_by",
                "groupBy must be one of hour, day, week, month, product, collection, channel, cohort, salesChannel."));
        if (limit is < 1 or > MaxLimit) return Problems.Of(Error.Invalid("limit", "analytics.invalid_limit", $"limit must be between 1 and {MaxLimit}."));
        if (format is not (null or "json" or "csv"))
            return Problems.Of(Error.Invalid("format", "analytics.invalid_format", "format must be json or csv."));
        var time = ReportRange.TimeGroupingOf(grouping.ToString());
        if (time is { } t && range.TooLongForHours(t) is { } tooLong) return Problems.Of(tooLong);

        var currency = settings.DefaultCurrency;
        var totals = await report.TotalsAsync(calendar, range, ct);
        var previous = await report.TotalsAsync(calendar, range.Previous, ct);
        var series = time is { } byTime
            ? (await report.SeriesAsync(calendar, range, byTime, ct)).Select(r => Item(r, r.Key)).ToList()
            : await GroupsAsync(report, calendar, range, grouping, limit ?? DefaultLimit, names, store, ct);
        var response = ProfitFiguresResponse.Of<ProfitReportResponse>(totals, currency);
        response.From = StoreCalendar.Iso(range.From);
        response.To = StoreCalendar.Iso(range.To);
        response.TimeZone = calendar.Zone.Id;
        response.Currency = currency;
        response.GroupBy = Name(grouping);
        response.ExpensesByCategory = totals.ExpensesByCategory.ToDictionary(c => c.Key, c => new Money(c.Value, currency));
        response.Previous = ProfitFiguresResponse.Of<ProfitPeriodResponse>(previous, currency);
        response.Previous.From = StoreCalendar.Iso(range.Previous.From);
        response.Previous.To = StoreCalendar.Iso(range.Previous.To);
        response.Series = series;
        return format == "csv" ? Csv(response) : TypedResults.Ok(response);

        ProfitSeriesItem Item(ProfitRow row, string label)
        {
            var item = ProfitFiguresResponse.Of<ProfitSeriesItem>(row.Figures, currency);
            item.Key = row.Key;
            item.Label = label;
            return item;
        }

        async Task<List<ProfitSeriesItem>> GroupsAsync(ProfitReport report, StoreCalendar calendar, ReportRange range, ProfitGrouping grouping,
            int take, IProductDirectory names, IStoreQueries store, CancellationToken ct)
        {
            var rows = (await report.GroupsAsync(calendar, range, Dimension(grouping), ct))
                .OrderByDescending(r => r.Figures.Sums.NetSales).ThenBy(r => r.Key, StringComparer.Ordinal).Take(take).ToList();
            var labels = await LabelsAsync(grouping, rows.Select(r => r.Key).ToList(), names, store, ct);
            return [.. rows.Select(r => Item(r, labels.GetValueOrDefault(r.Key) ?? r.Key))];
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> LabelsAsync(ProfitGrouping grouping, List<string> keys, IProductDirectory names,
        IStoreQueries store, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        return grouping switch
        {
            ProfitGrouping.Product => (await names.FindAsync([.. ids.Select(id => new ProductId(id))], ct))
                .ToDictionary(p => p.Key.Value.ToString(), p => p.Value.Title),
            ProfitGrouping.Collection => (await names.CollectionTitlesAsync([.. ids.Select(id => new CollectionId(id))], ct))
                .ToDictionary(c => c.Key.Value.ToString(), c => c.Value),
            ProfitGrouping.SalesChannel => (await store.ListChannelsAsync(ct)).ToDictionary(c => c.Id.Value.ToString(), c => c.Name),
            _ => new Dictionary<string, string>(),
        };
    }

    private static IResult Csv(ProfitReportResponse r)
    {
        var csv = new ReportCsv("key", "label", "gross_sales", "discounts", "refunds", "net_sales", "shipping", "taxes", "cogs", "payment_fees",
            "shipping_costs", "expenses", "net_profit", "margin", "orders", "units", "currency");
        foreach (var s in r.Series) Row(csv, s.Key, s.Label, s);
        Row(csv, "total", $"{r.From} to {r.To}", r);
        Row(csv, "previous", $"{r.Previous.From} to {r.Previous.To}", r.Previous);
        return csv.ToFile($"profit-{r.From}-{r.To}-{r.GroupBy}.csv");

        static void Row(ReportCsv csv, string key, string label, ProfitFiguresResponse f) => csv.Row(key, label, f.GrossSales, f.Discounts,
            f.Refunds, f.NetSales, f.Shipping, f.Taxes, f.Cogs, f.PaymentFees, f.ShippingCosts, f.Expenses, f.NetProfit, f.Margin, f.Orders,
            f.Units, f.NetSales.Currency);
    }

    private static ProfitGrouping? Grouping(string? groupBy) => (groupBy?.Trim() ?? "day").ToLowerInvariant() switch
    {
        "hour" => ProfitGrouping.Hour,
        "day" => ProfitGrouping.Day,
        "week" => ProfitGrouping.Week,
        "month" => ProfitGrouping.Month,
        "product" => ProfitGrouping.Product,
        "collection" => ProfitGrouping.Collection,
        "channel" => ProfitGrouping.Channel,
        "cohort" => ProfitGrouping.Cohort,
        "saleschannel" or "sales_channel" => ProfitGrouping.SalesChannel,
        _ => null,
    };

    private static string Name(ProfitGrouping g) => g == ProfitGrouping.SalesChannel ? "salesChannel" : g.ToString().ToLowerInvariant();

    private static LedgerDimension Dimension(ProfitGrouping g) => g switch
    {
        ProfitGrouping.Product => LedgerDimension.Product,
        ProfitGrouping.Collection => LedgerDimension.Collection,
        ProfitGrouping.Channel => LedgerDimension.Channel,
        ProfitGrouping.Cohort => LedgerDimension.Cohort,
        _ => LedgerDimension.SalesChannel,
    };
}
