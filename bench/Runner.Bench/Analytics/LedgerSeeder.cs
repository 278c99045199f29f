using System.Diagnostics;
using System.Text.Json;
using Runner.Analytics.Funnels;
using Runner.Analytics.Ledger;
using Runner.Analytics.Reports;
using Runner.Bench.Hosting;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;

namespace Runner.Bench.Analytics;

internal sealed record LedgerSeed(int Orders, int Refunds, int Labels, long QuarterRows, long HourRows, long DayRows, long MonthRows, TimeSpan Took);

/// <summary>
/// Writes a year of orders straight into the profit ledger's tables, as the ledger itself would have booked them: each
/// generated order goes through the ledger's own rules (<see cref="OrderBooking"/>: placing, its fee, a label replacing
/// the estimate for most, a refund or return for some) and <see cref="Postings.Rows"/> (the dimensions it books under),
/// summed in memory per bucket and inserted in bulk, with the ledger's record of every order. Orders are spread evenly
/// over the store's local year <see cref="Year"/>, over the seeded catalog (popular products sell much more), traffic
/// sources and referrers, repeat customers (cohorts), a tenth of them in EUR.
/// </summary>
internal sealed class LedgerSeeder(BenchDatabase database, int orders, int seed)
{
    public const int Year = 2025;
    private const int Batch = BulkRows.Batch;
    private static readonly string[] Sources =
        ["newsletter|email", "google|cpc", "facebook|paid_social", "instagram|social", "tiktok|paid_social", "partner|affiliate", "", "", "", "", "", ""];
    private static readonly string[] Referrers = ["https://www.google.com/", "https://duckduckgo.com/", "https://blog.example/", null!, null!, null!];

    private readonly Dictionary<(LedgerDimension, long, string), Amounts> _quarters = [];
    private readonly Dictionary<(LedgerDimension, long, string), Amounts> _hours = [];
    private readonly Dictionary<(LedgerDimension, long, string), Amounts> _days = [];
    private readonly Dictionary<(LedgerDimension, long, string), Amounts> _months = [];

    public async Task<LedgerSeed> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var engine = EngineScope.Open(database);
        var db = engine.Db;
        var store = engine.Get<IStoreQueries>();
        var settings = await store.GetSettingsAsync(ct);
        var calendar = StoreCalendar.Of(settings.TimeZone);
        var channel = (await store.GetDefaultChannelAsync(ct)).Id;
        var products = await engine.ProductsAsync(ct);
        var found = await engine.Get<IProductDirectory>().FindAsync([.. products.Select(p => new ProductId(p))], ct);
        var byProduct = found.ToDictionary(c => c.Key.Value, c => (IReadOnlyList<Guid>)[.. c.Value.Collections.Select(x => x.Value)]);

        var random = new Random(seed);
        var (start, end) = (calendar.StartOfDay(new DateOnly(Year, 1, 1)), calendar.StartOfDay(new DateOnly(Year + 1, 1, 1)));
        var times = Enumerable.Range(0, orders).Select(_ => Instant(random, start, end)).Order().ToArray();
        var cohorts = new Dictionary<int, string>();
        var (refunds, labels) = (0, 0);
        var rows = new List<object?[]>(Batch);
        for (var i = 0; i < orders; i++)
        {
            var customer = (int)(Math.Pow(random.NextDouble(), 2) * orders / 3);
            if (!cohorts.TryGetValue(customer, out var cohort)) cohorts[customer] = cohort = calendar.MonthOf(times[i]);
            var e = Order(random, times[i], channel, products);
            var rate = new OrderRate(e.Currency, e.StoreCurrency, e.ExchangeRate);
            var (book, placed) = OrderBooking.Place(e, rate, byProduct);
            var source = Sources[random.Next(Sources.Length)].Split('|');
            var order = new LedgerOrder
            {
                OrderId = e.OrderId.Value, PlacedAt = e.PlacedAt, Currency = e.Currency, StoreCurrency = e.StoreCurrency, ExchangeRate = e.ExchangeRate,
                Channel = TrafficSource.Of(source[0], source.Length > 1 ? source[1] : null, Referrers[random.Next(Referrers.Length)]),
                SalesChannel = channel.Value.ToString(), Cohort = cohort, Book = "",
            };
            Add(order, placed);
            var fee = new Money(Rounding.ToMinor(e.Total.Minor * 0.029m) + 30, e.Currency);
            Add(order, new Posting(e.PlacedAt, new Amounts(PaymentFees: rate.ToStore(fee)), []));
            if (random.NextDouble() < 0.8)
            {
                labels++;
                Add(order, OrderBooking.Label(book, new Money(300 + random.Next(300), e.StoreCurrency), e.PlacedAt.AddHours(12 + random.Next(60)), rate));
            }
            if (random.NextDouble() < 0.05)
            {
                refunds++;
                var line = e.Lines[0];
                var returned = random.NextDouble() < 0.5 ? new[] { new ReturnLineView(line.LineId, 1) } : null;
                var amount = returned is null ? e.Total.Minor * random.Next(10, 101) / 100 : line.UnitPrice.Minor;
                Add(order, OrderBooking.Refund(book, new OrderRefundedEvent(e.OrderId, e.Name, Guid.NewGuid(), new Money(amount, e.Currency),
                    new Money(amount, e.Currency), null, [], e.StoreCurrency, e.ExchangeRate, e.PlacedAt.AddDays(1 + random.Next(20)),
                    Returned: returned), rate));
            }
            order.Book = JsonSerializer.Serialize(book, BookJson);
            rows.Add([Sql.Id(db.Provider(), order.OrderId), Sql.Time(db.Provider(), order.PlacedAt), order.Currency, order.StoreCurrency,
                order.ExchangeRate, false, order.Channel, order.SalesChannel, order.Cohort, order.Book, 1]);
            if (rows.Count == Batch) await InsertOrdersAsync(db, rows, ct);
        }
        await InsertOrdersAsync(db, rows, ct);
        await InsertCustomersAsync(db, cohorts.Count, ct);
        var counts = (_quarters.Count, _hours.Count, _days.Count, _months.Count);
        await InsertBucketsAsync(db, "analytics_profit_quarters", "quarter", _quarters, ct);
        await InsertBucketsAsync(db, "analytics_profit_hours", "hour", _hours, ct);
        await InsertBucketsAsync(db, "analytics_profit_days", "day", _days, ct);
        await InsertBucketsAsync(db, "analytics_profit_months", "month", _months, ct);
        await engine.AnalyzeAsync(ct);
        return new LedgerSeed(orders, refunds, labels, counts.Item1, counts.Item2, counts.Item3, counts.Item4, clock.Elapsed);
    }

    private void Add(LedgerOrder order, Posting posting)
    {
        var quarter = StoreCalendar.QuarterOf(posting.At);
        var day = Postings.DayOf(quarter);
        foreach (var (dimension, key, amounts) in Postings.Rows(order, posting))
        {
            Sum(_quarters, (dimension, quarter, key), amounts);
            Sum(_hours, (dimension, BucketRanges.IndexOf(Grain.Hour, quarter), key), amounts);
            Sum(_days, (dimension, day, key), amounts);
            Sum(_months, (dimension, ProfitMonth.Of(day), key), amounts);
        }

        static void Sum(Dictionary<(LedgerDimension, long, string), Amounts> into, (LedgerDimension, long, string) key, Amounts amounts) =>
            into[key] = into.GetValueOrDefault(key) + amounts;
    }

    /// <summary>An instant of the year, to the second.</summary>
    private static DateTimeOffset Instant(Random random, DateTimeOffset start, DateTimeOffset end) =>
        start.AddSeconds(Math.Floor((end - start).TotalSeconds * random.NextDouble()));

    private static OrderPlacedEvent Order(Random random, DateTimeOffset at, ChannelId channel, List<Guid> products)
    {
        var euro = random.NextDouble() < 0.1;
        var (currency, rate) = euro ? ("EUR", 0.9m) : ("USD", 1m);
        var lines = new List<OrderEventLine>();
        foreach (var _ in Enumerable.Range(0, 1 + random.Next(3)))
        {
            var product = products[(int)(Math.Pow(random.NextDouble(), 3) * products.Count)];
            var price = (500 + Math.Abs(product.GetHashCode() % 95) * 100) * (euro ? 9 : 10) / 10;
            var quantity = 1 + (random.NextDouble() < 0.8 ? 0 : random.Next(1, 3));
            var tax = Rounding.ToMinor(price * quantity * 0.08m);
            lines.Add(new OrderEventLine(Guid.NewGuid(), new VariantId(Guid.NewGuid()), new ProductId(product), "SKU", quantity, new Money(price, currency),
                new Money(price * 4 / 10, "USD"), new Money(0, currency), new Money(tax, currency), new Money(price * quantity, currency), 0));
        }
        var subtotal = lines.Sum(l => l.Total.Minor);
        var shipping = subtotal >= 10_000 ? 0 : 500 * (euro ? 9 : 10) / 10;
        var taxes = lines.Sum(l => l.Tax.Minor);
        var total = subtotal + shipping + taxes;
        Money M(long minor) => new(minor, currency);
        return new OrderPlacedEvent(new OrderId(Guid.CreateVersion7(at)), 0, "#0", channel, null, "bench@example.com", currency, "USD", rate,
            M(subtotal), M(shipping), M(taxes), M(0), M(total), new Money(total, "USD"), new Money(0, "USD"), new Money(350, "USD"), lines, null,
            new PaymentId(Guid.NewGuid()), PaymentMethod.Card, PaymentStatus.Paid, false, at);
    }

    private static async Task InsertOrdersAsync(RunnerDbContext db, List<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await BulkRows.InsertAsync(db, "analytics_ledger_orders", ["order_id", "placed_at", "currency", "store_currency", "exchange_rate", "prices_include_tax",
            "channel", "sales_channel", "cohort", "book", "version"], rows, ct);
        rows.Clear();
    }

    private static Task InsertCustomersAsync(RunnerDbContext db, int count, CancellationToken ct) =>
        BulkRows.InsertAllAsync(db, "analytics_ledger_customers", ["customer_key", "first_order_at", "cohort"],
            Enumerable.Range(0, count).Select(i => new object?[] { $"bench-{i}@example.com", Sql.Time(db.Provider(), DateTimeOffset.UnixEpoch), "2025-01" }), ct);

    private static Task InsertBucketsAsync(RunnerDbContext db, string table, string time,
        Dictionary<(LedgerDimension Dimension, long Time, string Key), Amounts> buckets, CancellationToken ct) =>
        BulkRows.InsertAllAsync(db, table, ["dimension", time, "dim_key", .. ProfitSums.Columns],
            buckets.Select(b => (object?[])[(int)b.Key.Dimension, time is "quarter" or "hour" ? b.Key.Time : (object)(int)b.Key.Time, b.Key.Key,
                .. ProfitSums.Values(b.Value).Cast<object>()]), ct);

    private static readonly JsonSerializerOptions BookJson = new(JsonSerializerDefaults.Web);
}
