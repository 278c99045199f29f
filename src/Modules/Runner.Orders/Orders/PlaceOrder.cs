using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Customers.Customers;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Ids;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;

namespace Runner.Orders.Orders;

/// <summary>
/// <see cref="IOrders.PlaceAsync(PreparedOrder, CancellationToken)"/>: in one transaction (checkout's), the customer,
/// the number, the snapshot, the reservations sold, the payment claimed, the timeline and the outbox rows. What it
/// needs to read is read before (<see cref="PrepareAsync"/>) and checked by the writes' conditions, so on SQLite the
/// write lock is held for writes. Any refusal throws, and the caller's rollback leaves nothing behind.
/// </summary>
internal sealed class PlaceOrder(OrderWork work, ICustomers customers, IInventoryService inventory, IPayments payments,
    IStoreQueries store, IOutbox outbox, OrderNumbers numbers)
{
    /// <summary>The checks, and the reads done before the transaction (see <see cref="PreparedOrder"/>).</summary>
    public async Task<PreparedOrder> PrepareAsync(PlaceOrderRequest r, PaymentView? payment, CancellationToken ct)
    {
        Validate(r);
        var settings = await store.GetSettingsAsync(ct);
        var ids = r.Lines.SelectMany(l => l.Reservations).Distinct().ToList();
        var reservations = await inventory.GetReservationsAsync(ids, ct);
        return new PreparedOrder(r, payment?.Id == r.PaymentId ? payment : null, settings, reservations.Count == ids.Count ? reservations : null);
    }

    public async Task<PlacedOrder> RunAsync(PreparedOrder prepared, CancellationToken ct)
    {
        var (r, settings) = (prepared.Request, prepared.Settings);
        return await work.RunAsync(async ct =>
        {
            var db = work.Db;
            var now = work.Now();
            var id = TypedId.New<OrderId>();
            var (first, last) = (r.ShippingAddress ?? r.BillingAddress) is { } a ? (a.FirstName, a.LastName) : (null, null);
            var customerId = await customers.EnsureAsync(r.Email, first, last, r.ShippingAddress ?? r.BillingAddress, callerSaves: true, ct);
            var number = await numbers.NextAsync(ct);
            var order = new Order
            {
                Id = id, Number = number, Name = settings.OrderNumberPrefix + number, Status = OrderStatus.Open,
                FulfilmentStatus = FulfilmentStatus.Unfulfilled, HeldForReview = r.Fraud?.Decision == FraudDecision.Review,
                Email = r.Email.Trim(), EmailKey = r.Email.Trim().ToLowerInvariant(), CustomerId = customerId, ChannelId = r.ChannelId,
                CartId = r.CartId, Currency = r.Currency, StoreCurrency = r.StoreCurrency, ExchangeRate = r.ExchangeRate,
                PricesIncludeTax = r.PricesIncludeTax, Subtotal = r.Subtotal.Minor, ShippingTotal = r.ShippingTotal.Minor,
                TaxTotal = r.TaxTotal.Minor, DiscountTotal = r.DiscountTotal.Minor, Total = r.Total.Minor,
                PaymentId = r.PaymentId, PaymentMethod = r.PaymentMethod,
                ShippingAddress = OrderJson.WriteOrNull(r.ShippingAddress is { } s ? AddressRules.Normalize(s, "shippingAddress") : null),
                BillingAddress = OrderJson.WriteOrNull(r.BillingAddress is { } b ? AddressRules.Normalize(b, "billingAddress") : null),
                Shipping = OrderJson.WriteOrNull(r.Shipping is { } sh
                    ? new OrderShippingView(sh.RateId, sh.Name, sh.Carrier, sh.Service, sh.Price, sh.TaxLines, sh.EstimatedCost) : null),
                Attribution = OrderJson.WriteOrNull(r.Attribution), Fraud = OrderJson.WriteOrNull(r.Fraud), Note = r.Note,
                CreatedAt = now, UpdatedAt = now,
                PaymentStatus = r.Total.Minor == 0 && r.PaymentId is null ? PaymentStatus.Paid : PaymentStatus.Pending,
            };
            var position = 0;
            var consumed = (prepared.Reservations is { } seen
                ? await inventory.SellAsync(seen, ct)
                : await inventory.ConsumeManyAsync([.. r.Lines.SelectMany(l => l.Reservations)], ct)).ToDictionary(x => x.Id);
            foreach (var line in r.Lines)
            {
                var allocations = new List<LineAllocation>();
                long held = 0, backordered = 0;
                foreach (var reservationId in line.Reservations)
                {
                    var sold = consumed[reservationId];
                    if (sold.VariantId != line.VariantId) throw OrderErrors.Throw(OrderErrors.ReservationMismatch(line.Sku));
                    held += sold.Quantity;
                    backordered += sold.Backordered;
                    allocations.AddRange(sold.Allocations.Select(x => new LineAllocation(x.LocationId, x.Quantity)));
                }
                if (held != line.Quantity) throw OrderErrors.Throw(OrderErrors.ReservationMismatch(line.Sku));
                order.Lines.Add(new OrderLine
                {
                    Id = Guid.CreateVersion7(now), OrderId = id, Position = position++, VariantId = line.VariantId, ProductId = line.ProductId,
                    Sku = line.Sku, ProductTitle = line.ProductTitle, VariantTitle = line.VariantTitle, Quantity = line.Quantity,
                    OriginalQuantity = line.Quantity, Currency = r.Currency, UnitPrice = line.UnitPrice.Minor,
                    UnitCost = line.UnitCost?.Minor, CostCurrency = line.UnitCost?.Currency, Discount = line.Discount.Minor,
                    Tax = line.TaxLines.Sum(t => t.Amount.Minor), TaxLines = OrderJson.Write(line.TaxLines), Total = line.Total.Minor,
                    RequiresShipping = line.RequiresShipping, WeightGrams = line.WeightGrams, Backordered = backordered,
                    Allocations = OrderJson.Write(Merge(allocations)),
                });
            }
            PaymentView? payment = null;
            if (r.PaymentId is { } paymentId)
            {
                var claimed = prepared.Payment is { } authorized
                    ? await payments.ClaimAsync(authorized, "order:" + id, ct)
                    : await payments.ClaimAsync(paymentId, "order:" + id, ct);
                if (!claimed.IsSuccess) throw OrderErrors.Throw(claimed.Error);
                payment = claimed.Value;
                work.Apply(order, payment);
            }
            db.Add(order);
            work.Log(id, "placed", $"Order {order.Name} placed by {order.Email} ({new Money(order.Total, order.Currency)}).");
            if (payment is not null)
                work.Log(id, "payment", $"Payment {OrderErrors.Snake(order.PaymentStatus)}: {payment.Captured} captured of {payment.Authorized} authorized"
                    + (payment.Last4 is { } last4 ? $" ({payment.Brand} •••• {last4})." : "."));
            var owed = order.Lines.Where(l => l.Backordered > 0).Select(l => $"{l.Backordered} × {l.Sku}").ToList();
            if (owed.Count > 0)
                work.Log(id, "backordered", $"Backordered (not in stock, ships when received): {string.Join(", ", owed)}.");
            if (order.HeldForReview)
                work.Log(id, "held", $"Held for fraud review (score {r.Fraud!.Score}: {string.Join(", ", r.Fraud.Signals.Select(x => x.Rule))}).");
            var inStore = ToStore(order, order.Total);
            await customers.RecordOrderAsync(customerId, inStore, now, ct);
            outbox.Enqueue(OrderEvents.Placed, Events.Placed(order, inStore, r.Shipping?.EstimatedCost));
            if (payment is { Captured.Minor: > 0 })
                outbox.Enqueue(OrderEvents.Paid, new OrderPaidEvent(id, order.Name, payment.Id, payment.Captured, Fee(payment),
                    payment.Captured, order.StoreCurrency, order.ExchangeRate, now));
            await AddedRows.SaveAsync(db, ct);
            // The tracker is read without detecting changes again: the save just did, and another scan of the order's new
            // rows would run under the write lock for nothing.
            var timeline = TrackerReads.WithoutDetecting(db, () => db.ChangeTracker.Entries<TimelineEntry>().Select(e => e.Entity)
                .Where(t => t.OrderId == id).OrderBy(t => t.At).ThenBy(t => t.Id).ToList());
            return new PlacedOrder(id, number, order.Name, OrderReader.View(order, [], [], [], [], timeline));
        }, ct);
    }

    /// <summary>An amount of the order's currency in the store currency, at the order's rate.</summary>
    public static Money ToStore(Order order, long minor) => order.Currency == order.StoreCurrency || order.ExchangeRate <= 0
        ? new Money(minor, order.StoreCurrency)
        : new Money(minor, order.Currency).ConvertTo(order.StoreCurrency, 1m / order.ExchangeRate);

    /// <summary>The fees of the payment's succeeded captures (and sales).</summary>
    public static Money Fee(PaymentView p) => p.Transactions
        .Where(t => t.Status == "succeeded" && t.Kind is "capture" or "sale")
        .Aggregate(Money.Zero(p.Amount.Currency), (sum, t) => sum + (t.Fee.Currency == sum.Currency ? t.Fee : Money.Zero(sum.Currency)));

    private static List<LineAllocation> Merge(List<LineAllocation> allocations) =>
        [.. allocations.GroupBy(a => a.LocationId).Select(g => new LineAllocation(g.Key, g.Sum(a => a.Quantity)))];

    private static void Validate(PlaceOrderRequest r)
    {
        var v = new Validator();
        v.Email("email", r.Email);
        v.Required("cartId", r.CartId, 100);
        if (r.Lines.Count == 0) v.Add("lines", "orders.no_lines", "An order needs at least one line.");
        if (r.ExchangeRate <= 0) v.Add("exchangeRate", "orders.invalid_rate", "exchangeRate must be positive.");
        foreach (var (money, field) in new[] { (r.Subtotal, "subtotal"), (r.ShippingTotal, "shippingTotal"), (r.TaxTotal, "taxTotal"),
                     (r.DiscountTotal, "discountTotal"), (r.Total, "total") })
        {
            if (money.Currency != r.Currency) v.Add(field, "orders.wrong_currency", $"{field} must be in {r.Currency}.");
            else if (money.Minor < 0) v.Add(field, "orders.invalid_amount", $"{field} cannot be negative.");
        }
        for (var i = 0; i < r.Lines.Count; i++)
        {
            var l = r.Lines[i];
            if (l.Quantity <= 0) v.Add($"lines/{i}/quantity", "orders.invalid_quantity", "quantity must be positive.");
            if (l.UnitPrice.Currency != r.Currency || l.Total.Currency != r.Currency || l.Discount.Currency != r.Currency)
                v.Add($"lines/{i}", "orders.wrong_currency", $"The line's amounts must be in {r.Currency}.");
            if (l.Reservations.Count == 0) v.Add($"lines/{i}/reservations", "orders.no_reservation", "Each line's units must be reserved.");
        }
        if (r.Total.Minor > 0 && r.PaymentId is null)
            v.Add("paymentId", "orders.payment_required", "An order with a total above zero needs a payment.");
        if (!v.IsValid) throw new DomainException(v.ToError());
    }
}
