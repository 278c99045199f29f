using Runner.Catalog.Contracts;
using Runner.Customers.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Orders.Payments;
using Runner.Pricing.Contracts;

namespace Runner.Orders.Edits;

/// <summary>
/// Applies an edit to an order's lines and totals. Changed lines keep their unit price and scale their discount; added
/// lines are priced from the catalog as checkout prices a cart line (the variant's own price in the order currency,
/// else its default-currency price at the rate recorded on the order) unless staff give a unit price, and take the
/// variant's shipping, weight and cost. Every changed or added line is taxed again through <see cref="ITaxCalculator"/>
/// at the order's shipping address (billing when none), with the variant's tax category and the order's own
/// tax-inclusive setting, rounding per line as checkout does. With <c>commit</c> the stock moves too (units taken off
/// go back where they were sold from; units added are reserved and sold at once); without it the order is a copy being
/// priced, and nothing is written.
/// </summary>
internal sealed class EditLines(OrderWork work, IVariantDirectory variants, IInventoryService inventory, ITaxCalculator taxes)
{
    public async Task ApplyAsync(Order order, EditOrderRequest r, bool commit, CancellationToken ct)
    {
        var changes = r.Changes ?? [];
        var adds = r.Add ?? [];
        var ids = adds.Select(a => a.VariantId)
            .Concat(changes.Select(c => order.Lines.FirstOrDefault(l => l.Id == c.LineId)?.VariantId).OfType<VariantId>()).Distinct().ToList();
        var details = ids.Count == 0 ? new Dictionary<VariantId, VariantDetails>() : await variants.FindDetailsAsync(ids, ct);
        Validate(order, r, details);
        OrderWork.EnsureOpen(order);
        var touched = new List<OrderLine>();
        var delta = 0L;
        foreach (var change in changes.OrderBy(c => c.LineId))
        {
            var line = order.Lines.Single(l => l.Id == change.LineId);
            var (was, quantity) = (line.Quantity, change.Quantity);
            if (quantity == was) continue;
            var total = Per(line.Total, quantity, was);
            delta += total - line.Total;
            order.Subtotal += line.UnitPrice * (quantity - was);
            var policy = details.GetValueOrDefault(line.VariantId!.Value)?.InventoryPolicy ?? InventoryPolicy.Deny;
            if (commit && quantity < was) await PutBackAsync(order, line, was - quantity, ct);
            else if (commit) await SellAsync(order, line, quantity - was, policy, ct);
            line.Total = total;
            line.Discount = Per(line.Discount, quantity, was);
            line.Quantity = quantity;
            touched.Add(line);
        }
        foreach (var add in adds.OrderBy(a => a.VariantId.Value))
        {
            var d = details[add.VariantId];
            var price = add.UnitPrice?.Minor ?? PriceOf(d, order)!.Value.Minor;
            var line = new OrderLine
            {
                Id = Guid.CreateVersion7(), OrderId = order.Id, Position = order.Lines.Count == 0 ? 0 : order.Lines.Max(l => l.Position) + 1,
                VariantId = add.VariantId, ProductId = d.ProductId, Sku = d.Sku, ProductTitle = d.ProductTitle, VariantTitle = d.VariantTitle,
                Quantity = add.Quantity, OriginalQuantity = 0, Currency = order.Currency, UnitPrice = price, UnitCost = d.Cost?.Minor,
                CostCurrency = d.Cost?.Currency, TaxLines = "[]", Total = checked(price * add.Quantity), RequiresShipping = d.RequiresShipping,
                WeightGrams = d.WeightGrams, Allocations = "[]",
            };
            if (commit)
            {
                await SellAsync(order, line, add.Quantity, d.InventoryPolicy, ct);
                work.Db.Add(line);
            }
            order.Lines.Add(line);
            order.Subtotal += line.Total;
            delta += line.Total;
            touched.Add(line);
            if (line.RequiresShipping && order.FulfilmentStatus is FulfilmentStatus.Fulfilled or FulfilmentStatus.Delivered)
                order.FulfilmentStatus = FulfilmentStatus.PartiallyFulfilled;
        }
        delta += await TaxAsync(order, touched, details, ct);
        var discount = r.Discount?.Amount.Minor ?? 0;
        order.DiscountTotal += discount;
        order.Total = Math.Max(0, order.Total + delta - discount);
    }

    /// <summary>The variant's price in the order currency: its own, else its default-currency price at the order's rate.</summary>
    public static Money? PriceOf(VariantDetails d, Order order) =>
        d.PriceIn(order.Currency) ?? (d.Price.Currency == order.StoreCurrency && order.ExchangeRate > 0
            ? d.Price.ConvertTo(order.Currency, order.ExchangeRate) : null);

    /// <summary>Taxes the lines again; returns how much the order total moves (nothing when prices include tax).</summary>
    private async Task<long> TaxAsync(Order order, List<OrderLine> touched, IReadOnlyDictionary<VariantId, VariantDetails> details,
        CancellationToken ct)
    {
        if (touched.Count == 0) return 0;
        var address = OrderJson.ReadOrNull<CustomerAddress>(order.ShippingAddress ?? order.BillingAddress);
        var result = await taxes.CalculateAsync(new TaxRequest(order.Currency, address is null ? null : new TaxAddress(address.Country, address.Region),
            [.. touched.Select(l => new TaxableLine(l.Id.ToString(), details.GetValueOrDefault(l.VariantId!.Value)?.TaxCategory ?? TaxCategories.Standard,
                new Money(l.Total, order.Currency)))], null, order.PricesIncludeTax), ct);
        var byLine = result.Lines.ToDictionary(t => t.Key);
        var delta = 0L;
        foreach (var line in touched)
        {
            var tax = byLine[line.Id.ToString()];
            order.TaxTotal += tax.Total.Minor - line.Tax;
            if (!order.PricesIncludeTax) delta += tax.Total.Minor - line.Tax;
            line.Tax = tax.Total.Minor;
            line.TaxLines = OrderJson.Write(tax.Lines);
        }
        return delta;
    }

    /// <summary>
    /// Reserves and sells the units. A variant sold past zero (policy <c>continue</c>) takes what the shelves hold and
    /// backorders the rest at its first location, as a checkout does (on hand goes below zero there, and the line
    /// counts the units owed); one with policy <c>deny</c> refuses with <c>inventory.insufficient_stock</c>.
    /// </summary>
    private async Task SellAsync(Order order, OrderLine line, long units, InventoryPolicy policy, CancellationToken ct)
    {
        var reservation = await inventory.ReserveAsync(new ReserveRequest(line.VariantId!.Value, units, ChannelId: order.ChannelId,
            Reference: "order:" + order.Id, Backorder: policy == InventoryPolicy.Continue), ct);
        var sold = await inventory.ConsumeAsync(reservation.Id, ct);
        line.Backordered += sold.Backordered;
        var allocations = OrderJson.Read<List<LineAllocation>>(line.Allocations);
        foreach (var a in sold.Allocations)
        {
            var i = allocations.FindIndex(x => x.LocationId == a.LocationId);
            if (i < 0) allocations.Add(new LineAllocation(a.LocationId, a.Quantity));
            else allocations[i] = allocations[i] with { Quantity = allocations[i].Quantity + a.Quantity };
        }
        line.Allocations = OrderJson.Write(allocations);
    }

    /// <summary>
    /// Units taken off a line go back where they were sold from (a backordered unit given back lowers what is owed
    /// there); the line owes fewer units first.
    /// </summary>
    private async Task PutBackAsync(Order order, OrderLine line, long units, CancellationToken ct)
    {
        var allocations = OrderJson.Read<List<LineAllocation>>(line.Allocations);
        line.Backordered -= Math.Min(units, line.Backordered);
        for (var i = allocations.Count - 1; i >= 0 && units > 0; i--)
        {
            var take = Math.Min(units, allocations[i].Quantity);
            if (take <= 0) continue;
            await inventory.AdjustAsync(new AdjustmentRequest(line.VariantId!.Value, allocations[i].LocationId, AdjustmentReason.Returned,
                take, Note: $"Order {order.Name} edited"), ct);
            allocations[i] = allocations[i] with { Quantity = allocations[i].Quantity - take };
            units -= take;
        }
        line.Allocations = OrderJson.Write(allocations.Where(a => a.Quantity > 0).ToList());
    }

    private static long Per(long amount, long quantity, long was) =>
        was == 0 ? 0 : Rounding.ToMinor((decimal)amount * quantity / was);

    private static void Validate(Order order, EditOrderRequest r, IReadOnlyDictionary<VariantId, VariantDetails> found)
    {
        var v = new Validator();
        var changes = r.Changes ?? [];
        var adds = r.Add ?? [];
        if (changes.Count == 0 && adds.Count == 0 && r.Discount is null)
            v.Add("changes", "orders.empty_edit", "An edit changes a quantity, adds a line or gives a discount.");
        for (var i = 0; i < changes.Count; i++)
        {
            var line = order.Lines.FirstOrDefault(l => l.Id == changes[i].LineId);
            if (line?.VariantId is null) { v.Add($"changes/{i}/lineId", "orders.unknown_line", "No line of this order has this id."); continue; }
            var least = line.Fulfilled + line.RefundedQuantity + line.Returned;
            if (changes[i].Quantity < least || changes[i].Quantity > 1_000_000)
                v.Add($"changes/{i}/quantity", "orders.quantity_exceeds", $"The quantity can go no lower than {least} (units shipped or refunded).");
        }
        if (changes.Select(c => c.LineId).Distinct().Count() != changes.Count)
            v.Add("changes", "orders.duplicate_line", "Name each line once.");
        for (var i = 0; i < adds.Count; i++)
        {
            v.Positive($"add/{i}/quantity", adds[i].Quantity, 1_000_000);
            if (!found.TryGetValue(adds[i].VariantId, out var d)) v.Add($"add/{i}/variantId", "orders.unknown_variant", "No variant has this id.");
            else if (d.Archived || d.ProductStatus == ProductStatus.Archived)
                v.Add($"add/{i}/variantId", "orders.variant_unavailable", "This variant is archived; it can no longer be sold.");
            else if (adds[i].UnitPrice is null && PriceOf(d, order) is null)
                v.Add($"add/{i}/unitPrice", "orders.no_price", $"The variant has no price in {order.Currency} and the order's rate cannot convert its price; give unitPrice.");
            if (adds[i].UnitPrice is { } price && (price.Currency != order.Currency || price.Minor < 0))
                v.Add($"add/{i}/unitPrice", "orders.wrong_currency", $"unitPrice is a non-negative amount in {order.Currency}.");
        }
        if (r.Discount is { } discount)
        {
            if (discount.Amount.Currency != order.Currency || discount.Amount.Minor <= 0 || discount.Amount.Minor > order.Total)
                v.Add("discount/amount", "orders.invalid_discount", $"The discount is an amount in {order.Currency} above zero, at most the total.");
            if (string.IsNullOrWhiteSpace(discount.Reason)) v.Add("discount/reason", "orders.discount_reason_required", "A manual discount needs a reason.");
            v.MaxLength("discount/reason", discount.Reason, RefundOrder.MaxReason);
        }
        v.MaxLength("reason", r.Reason, RefundOrder.MaxReason);
        v.MaxLength("paymentToken", r.PaymentToken, 100);
        v.ThrowIfInvalid();
    }
}
