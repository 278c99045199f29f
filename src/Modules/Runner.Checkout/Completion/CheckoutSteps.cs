using Runner.Catalog.Contracts;
using Runner.Checkout.Carts;
using Runner.Checkout.Contracts;
using Runner.Customers.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Pricing.Contracts;
using Runner.Shipping.Contracts;

namespace Runner.Checkout.Completion;

/// <summary>
/// The steps of a checkout that touch stock and the order: checking the priced cart, reserving its lines (all or
/// nothing, in one transaction), releasing them again, and the order request built from the cart as priced now.
/// </summary>
internal sealed class CheckoutSteps(RunnerDbContext db, IInventoryService inventory, IShippingRates rates)
{
    /// <summary>How long the units stay held while the payment is authorized (or the customer passes 3-D Secure).</summary>
    public const int ReservationSeconds = 900;

    /// <summary>
    /// The cart as priced now must be buyable: lines, none flagged (a stock shortage is left to the reservation, which
    /// decides it atomically and names the lines), an email, a shipping address and a rate still offered when a line
    /// needs shipping.
    /// </summary>
    public static Error? Validate(PricedCart priced)
    {
        var cart = priced.Cart;
        if (priced.Lines.Count == 0) return CompletionErrors.Empty();
        var flagged = priced.Lines
            .Where(l => l.Issue is { Reason: not (LineIssue.OutOfStock or LineIssue.InsufficientStock) })
            .Select(l => (object)new { lineId = l.Line.Id, sku = l.Line.Sku, reason = CheckoutErrors.Snake(l.Issue!.Reason), message = l.Issue.Message })
            .ToList();
        if (flagged.Count > 0) return CompletionErrors.LinesUnavailable(flagged);
        if (string.IsNullOrWhiteSpace(cart.Email)) return CompletionErrors.EmailRequired();
        if (!priced.Lines.Any(l => l.Variant?.RequiresShipping ?? l.Line.RequiresShipping)) return null;
        if (cart.ShippingAddress is null) return CheckoutErrors.ShippingAddressRequired();
        if (cart.ShippingRate is null) return CompletionErrors.ShippingRateRequired();
        return priced.ShippingRate is null ? CompletionErrors.ShippingRateUnavailable() : null;
    }

    /// <summary>
    /// Reserves every line in one transaction of its own, in ascending variant order (the order every checkout takes its
    /// locks in), and commits. When any line is short, every short line is named and nothing stays reserved. A line whose
    /// variant keeps selling when out of stock (policy <c>continue</c>) is never short: it takes the stock there is and
    /// the rest is backordered (<see cref="ReserveRequest.Backorder"/>).
    /// </summary>
    public async Task<Result<IReadOnlyList<HeldLine>>> ReserveAsync(PricedCart priced, CancellationToken ct)
    {
        var cart = priced.Cart;
        var lines = priced.Lines.Select(l => (l.Line, l.Variant)).OrderBy(l => l.Line.VariantId.Value).ToList();
        ReserveManyResult result;
        try
        {
            result = await inventory.ReserveManyAsync([.. lines.Select(l => new ReserveRequest(l.Line.VariantId, l.Line.Quantity,
                ChannelId: cart.ChannelId, TtlSeconds: ReservationSeconds, Reference: "cart:" + cart.Id,
                Backorder: l.Variant?.InventoryPolicy == InventoryPolicy.Continue))], ct);
        }
        finally
        {
            // The checkout's later steps read what they need; nothing of this commit stays tracked.
            db.ChangeTracker.Clear();
        }
        if (result.Short.Count > 0)
            return CompletionErrors.InsufficientStock([.. result.Short.Select(Short)]);
        object Short(ShortRequest s)
        {
            var line = lines[s.Index].Line;
            return new { lineId = line.Id, variantId = line.VariantId, sku = line.Sku, requested = line.Quantity, available = s.Available };
        }
        return result.Reserved.Select((r, i) => new HeldLine(lines[i].Line.Id, lines[i].Line.VariantId.Value, lines[i].Line.Quantity, r.Id.Value))
            .ToList();
    }

    /// <summary>Gives held units back, each reservation in its own commit; releasing one twice does nothing.</summary>
    public async Task ReleaseAsync(IEnumerable<HeldLine> lines)
    {
        foreach (var line in lines) await inventory.ReleaseAsync(new ReservationId(line.ReservationId), CancellationToken.None);
    }

    /// <summary>The order as the cart is priced now, its lines sold from <paramref name="held"/>.</summary>
    public async Task<PlaceOrderRequest> OrderRequestAsync(PricedCart priced, IReadOnlyList<HeldLine> held, PaymentView? payment,
        PaymentMethod? method, FraudAssessment? fraud, CancellationToken ct)
    {
        var cart = priced.Cart;
        var taxes = priced.Taxes.Lines.ToDictionary(t => t.Key, t => t.Lines);
        var lines = priced.Lines.Select(p => new PlaceOrderLine(p.Line.VariantId, p.Variant?.ProductId ?? p.Line.ProductId,
            p.Variant?.Sku ?? p.Line.Sku, p.Variant?.ProductTitle ?? p.Line.ProductTitle, p.Variant?.VariantTitle ?? p.Line.VariantTitle,
            p.Line.Quantity, p.UnitPrice, p.Variant?.Cost, Money.Zero(cart.Currency), taxes.GetValueOrDefault(p.Line.Id.ToString()) ?? [],
            p.Total, p.Variant?.RequiresShipping ?? p.Line.RequiresShipping, p.Variant?.WeightGrams ?? p.Line.WeightGrams,
            [.. held.Where(h => h.LineId == p.Line.Id).Select(h => new ReservationId(h.ReservationId))])).ToList();
        PlaceOrderShipping? shipping = null;
        if (priced.ShippingRate is { } rate)
        {
            var quoted = CartTotals.QuoteRequest(cart, priced.Lines) is { } request
                ? (await rates.QuoteAsync(request, ct)).FirstOrDefault(q => q.RateId == rate.Id)
                : null;
            shipping = new PlaceOrderShipping(rate.Id, rate.Name, rate.Carrier, rate.Service, rate.Price,
                priced.Taxes.Shipping?.Lines ?? [], quoted?.EstimatedCost);
        }
        var rateToStore = priced.Rate ?? cart.ExchangeRate;
        return new PlaceOrderRequest(cart.Id.ToString(), cart.ChannelId, cart.Email!, Address(cart.ShippingAddress),
            Address(cart.BillingAddress ?? cart.ShippingAddress), cart.Currency, priced.Settings.DefaultCurrency,
            rateToStore > 0 ? rateToStore : 1m, priced.PricesIncludeTax, lines, shipping, priced.Subtotal, priced.ShippingTotal,
            priced.TaxTotal, Money.Zero(cart.Currency), priced.Total, payment?.Id, payment is null ? null : method, fraud,
            cart.Attribution is { } a ? new OrderAttribution(a.VisitorId, a.SessionId, a.UtmSource, a.UtmMedium, a.UtmCampaign, a.Referrer) : null,
            cart.Note);
    }

    /// <summary>The cart's total in the store currency (for the fraud screen's high-value rule).</summary>
    public static Money InStoreCurrency(PricedCart priced)
    {
        var store = priced.Settings.DefaultCurrency;
        var rate = priced.Rate ?? priced.Cart.ExchangeRate;
        return priced.Total.Currency == store || rate <= 0 ? new Money(priced.Total.Minor, store) : priced.Total.ConvertTo(store, 1m / rate);
    }

    private static CustomerAddress? Address(CartAddress? a) => a is null ? null
        : new CustomerAddress(a.FirstName, a.LastName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);
}
