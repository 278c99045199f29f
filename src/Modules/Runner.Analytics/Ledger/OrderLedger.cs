using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Runner.Analytics.Funnels;
using Runner.Analytics.Live;
using Runner.Analytics.Reports;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Store.Contracts;

namespace Runner.Analytics.Ledger;

/// <summary>
/// Books the orders module's events into the profit ledger, each in the transaction that records the message handled:
/// the order's book, the bucket sums and a live-feed row commit together or not at all. An event of an order the ledger
/// has not booked yet (its <c>order.placed</c> still on its way through another process) fails and is retried; after a
/// few attempts it is skipped with a warning (an order placed before the ledger existed). The bucket sums of every
/// order of a chunk are added up and written together at its end (<see cref="IOutboxBufferedHandler"/>).
/// </summary>
internal sealed class OrderLedger(RunnerDbContext db, IProductDirectory catalog, IStoreQueries store, FeeLedger fees,
    LiveBroadcaster live, ILogger<OrderLedger> logger) : IOutboxBufferedHandler
{
    private const int AttemptsBeforeSkipping = 5;

    private readonly Postings.Buffer _postings = new();

    public Task FlushAsync(CancellationToken ct) => _postings.FlushAsync(db, ct);

    public static readonly string[] Types =
        [OrderEvents.Placed, OrderEvents.Refunded, OrderEvents.Cancelled, OrderEvents.Edited, OrderEvents.Fulfilled, OrderEvents.PaymentAdded];

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        if (message.Type == OrderEvents.Placed)
        {
            await PlaceAsync(message.Read<OrderPlacedEvent>(), ct);
            return;
        }
        var orderId = message.Type switch
        {
            OrderEvents.Refunded => message.Read<OrderRefundedEvent>().OrderId,
            OrderEvents.Cancelled => message.Read<OrderCancelledEvent>().OrderId,
            OrderEvents.Edited => message.Read<OrderEditedEvent>().OrderId,
            OrderEvents.Fulfilled => message.Read<OrderFulfilledEvent>().OrderId,
            _ => message.Read<OrderPaymentAddedEvent>().OrderId,
        };
        var order = await LedgerQueries.OrderAsync(db, orderId.Value, ct);
        if (order is null)
        {
            if (message.Attempt < AttemptsBeforeSkipping)
                throw new InvalidOperationException($"Order {orderId} is not in the ledger yet; {message.Type} waits for its order.placed.");
            logger.LogWarning("{Type} {Id} skipped: order {Order} was never booked in the profit ledger.", message.Type, message.Id, orderId);
            return;
        }
        var book = Read(order);
        var rate = order.Rate;
        Posting posting;
        string? name;
        switch (message.Type)
        {
            case OrderEvents.Refunded:
                var refund = message.Read<OrderRefundedEvent>();
                (posting, name) = (OrderBooking.Refund(book, refund, rate), refund.Name);
                break;
            case OrderEvents.Cancelled:
                var cancel = message.Read<OrderCancelledEvent>();
                (posting, name) = (OrderBooking.Cancel(book, cancel, rate), cancel.Name);
                break;
            case OrderEvents.Edited:
                var edit = message.Read<OrderEditedEvent>();
                var products = (edit.Lines ?? []).Where(l => l.ProductId is { } p && book.Lines.All(b => b.ProductId != p.Value))
                    .Select(l => l.ProductId!.Value).ToList();
                (posting, name) = (OrderBooking.Edit(book, edit, rate, order.PricesIncludeTax, await CollectionsAsync(products, ct)), edit.Name);
                break;
            case OrderEvents.Fulfilled:
                var fulfilled = message.Read<OrderFulfilledEvent>();
                if (fulfilled.LabelCost is not { } label) return;
                (posting, name) = (OrderBooking.Label(book, label, fulfilled.At, rate), fulfilled.Name);
                break;
            default:
                var added = message.Read<OrderPaymentAddedEvent>();
                await fees.LinkAsync(order, added.PaymentId.Value, ct);
                return;
        }
        await BookAsync(order, book, posting, message.Type, name, ct);
    }

    private async Task PlaceAsync(OrderPlacedEvent e, CancellationToken ct)
    {
        if (await LedgerQueries.IsBookedAsync(db, e.OrderId.Value, ct)) return;
        var settings = await store.GetSettingsAsync(ct);
        var calendar = StoreCalendar.Of(settings.TimeZone);
        var rate = new OrderRate(e.Currency, e.StoreCurrency, e.ExchangeRate);
        var products = e.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).ToList();
        var (book, posting) = OrderBooking.Place(e, rate, await CollectionsAsync(products, ct));
        var a = e.Attribution;
        var order = new LedgerOrder
        {
            OrderId = e.OrderId.Value, PlacedAt = e.PlacedAt, Currency = e.Currency, StoreCurrency = e.StoreCurrency,
            ExchangeRate = e.ExchangeRate, PricesIncludeTax = e.PricesIncludeTax,
            Channel = TrafficSource.Of(a, await OwnHosts.OfAsync(store, ct)), SalesChannel = e.ChannelId.Value.ToString(),
            Cohort = await CohortAsync(e.CustomerId?.Value.ToString() ?? e.Email.Trim().ToLowerInvariant(), e.PlacedAt, calendar, ct),
            Book = "{}",
        };
        db.Add(order);
        if (e.PaymentId is { } payment) await fees.LinkAsync(order, payment.Value, ct);
        await BookAsync(order, book, posting, OrderEvents.Placed, e.Name, ct);
    }

    /// <summary>Writes the book back, adds the posting to the buckets (at the flush) and announces it on the live feed.</summary>
    private async Task BookAsync(LedgerOrder order, OrderBook book, Posting posting, string kind, string? name, CancellationToken ct)
    {
        order.Book = JsonSerializer.Serialize(book, Json);
        order.Version++;
        _postings.Add(order, posting);
        await LiveFeed.WriteAsync(db, live, kind, Announcement(order, posting, name), posting.At, ct);
        await AddedRows.SaveAsync(db, ct);
    }

    /// <summary>What the live stream says of a posting: the order and how much it moved net sales and profit.</summary>
    public static object Announcement(LedgerOrder order, Posting posting, string? name) => new
    {
        orderId = order.OrderId, name, at = posting.At, currency = order.StoreCurrency,
        netSales = posting.Order.NetSales, netProfit = posting.Order.Profit, orders = posting.Order.Orders,
    };

    /// <summary>
    /// The cohort of a customer: the local month of the first order the ledger saw for them, recorded once
    /// (<c>ON CONFLICT DO NOTHING</c>, so two first orders at once agree on one).
    /// </summary>
    private async Task<string> CohortAsync(string key, DateTimeOffset placedAt, StoreCalendar calendar, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO analytics_ledger_customers (customer_key, first_order_at, cohort) VALUES ({0}, {1}, {2}) ON CONFLICT (customer_key) DO NOTHING",
            [key, Sql.Time(db.Provider(), placedAt), calendar.MonthOf(placedAt)], ct);
        return await LedgerQueries.CohortAsync(db, key, ct);
    }

    private async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> CollectionsAsync(List<ProductId> products, CancellationToken ct)
    {
        if (products.Count == 0) return new Dictionary<Guid, IReadOnlyList<Guid>>();
        var found = await catalog.FindAsync(products, ct);
        return found.ToDictionary(p => p.Key.Value, p => (IReadOnlyList<Guid>)[.. p.Value.Collections.Select(c => c.Value).Order()]);
    }

    public static OrderBook Read(LedgerOrder order) => JsonSerializer.Deserialize<OrderBook>(order.Book, Json) ?? new OrderBook();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
