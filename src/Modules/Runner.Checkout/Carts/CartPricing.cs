using Runner.Catalog.Contracts;
using Runner.Checkout.Contracts;
using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>A line priced now: its unit price in the cart's currency, and why it cannot be bought, if it cannot.</summary>
internal sealed record PricedLine(CartLine Line, VariantDetails? Variant, Money UnitPrice, Money? CompareAtPrice, CartLineIssue? Issue)
{
    public Money Total => UnitPrice * Line.Quantity;
}

/// <summary>A cart priced now: lines, the rate used, and the totals in minor units of the cart's currency.</summary>
internal sealed record PricedCart(
    Cart Cart, StoreSettingsView Settings, decimal? Rate, IReadOnlyList<PricedLine> Lines,
    Money Subtotal, Money ShippingTotal, Money TaxTotal, Money Total, bool PricesIncludeTax,
    CartShippingRate? ShippingRate, TaxResult Taxes);

/// <summary>
/// Prices a cart from the catalog as it is now: the variant's price in the cart's currency when the merchant set one,
/// else its default-currency price converted at the store's rate (rounded once, half away from zero). Flags lines
/// that cannot be bought (unpublished, archived, draft, out of stock under the deny policy, unpriceable); a flagged
/// line stays in the cart.
/// </summary>
internal sealed class CartPricing(IVariantDirectory variants, IStockAvailability stock, IStoreQueries store, CartTotals totals)
{
    public async Task<PricedCart> PriceAsync(Cart cart, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(ct);
        var rate = RateOf(settings, cart.Currency);
        var details = await variants.FindDetailsAsync([.. cart.Lines.Select(l => l.VariantId)], ct);
        var denied = details.Values.Where(d => d.InventoryPolicy == InventoryPolicy.Deny).Select(d => d.Id).ToList();
        var available = denied.Count == 0 ? new Dictionary<VariantId, long>() : await stock.GetAvailableAsync(cart.ChannelId, denied, ct);
        var lines = cart.Lines.OrderBy(l => l.Position).Select(line =>
        {
            var d = details.GetValueOrDefault(line.VariantId);
            var price = d is null ? null : PriceOf(d, cart.Currency, settings, rate);
            var compare = d?.CompareAtPrice is { } c && price is not null ? Convert(c, cart.Currency, settings, rate) : null;
            long? units = d?.InventoryPolicy == InventoryPolicy.Deny ? available.GetValueOrDefault(line.VariantId) : null;
            var issue = IssueOf(d, cart.ChannelId, line.Quantity, units, price is not null);
            return new PricedLine(line, d, price ?? new Money(line.UnitPrice, cart.Currency), compare, issue);
        }).ToList();
        return await totals.ComputeAsync(cart, settings, rate, lines, ct);
    }

    /// <summary>Writes the priced state into the cart's snapshot (lines, counts, rate).</summary>
    public static void Snapshot(PricedCart priced)
    {
        var cart = priced.Cart;
        foreach (var p in priced.Lines)
        {
            var line = p.Line;
            line.UnitPrice = p.UnitPrice.Minor;
            line.CompareAtPrice = p.CompareAtPrice?.Minor;
            line.Issue = p.Issue?.Reason;
            if (p.Variant is not { } d) continue;
            line.ProductId = d.ProductId;
            line.Sku = d.Sku;
            line.ProductTitle = d.ProductTitle;
            line.VariantTitle = d.VariantTitle;
            line.ImageUrl = d.ImageUrl;
            line.RequiresShipping = d.RequiresShipping;
            line.WeightGrams = d.WeightGrams;
            line.TaxCategory = d.TaxCategory;
        }
        cart.ItemCount = cart.Lines.Sum(l => l.Quantity);
        cart.Subtotal = priced.Subtotal.Minor;
        if (priced.Rate is { } rate) cart.ExchangeRate = rate;
        cart.ShippingRate = priced.ShippingRate;
    }

    /// <summary>Units of <paramref name="currency"/> per unit of the default currency, or null without a configured rate.</summary>
    public static decimal? RateOf(StoreSettingsView settings, string currency) =>
        currency == settings.DefaultCurrency ? 1m : settings.ExchangeRates.TryGetValue(currency, out var r) && r > 0 ? r : null;

    private static Money? PriceOf(VariantDetails d, string currency, StoreSettingsView settings, decimal? rate) =>
        d.PriceIn(currency) ?? Convert(d.Price, currency, settings, rate);

    private static Money? Convert(Money amount, string currency, StoreSettingsView settings, decimal? rate) =>
        amount.Currency == currency ? amount
        : amount.Currency == settings.DefaultCurrency && rate is { } r ? amount.ConvertTo(currency, r)
        : null;

    public static CartLineIssue? IssueOf(VariantDetails? d, ChannelId channel, long quantity, long? available, bool priced)
    {
        if (d is null || d.Archived || d.ProductStatus == ProductStatus.Archived)
            return new(LineIssue.Archived, "This item is no longer sold.", null);
        if (d.ProductStatus != ProductStatus.Active) return new(LineIssue.NotActive, "This item is not on sale.", null);
        if (!d.IsPublishedTo(channel)) return new(LineIssue.NotPublished, "This item is not sold in this store.", null);
        if (!priced) return new(LineIssue.NoPrice, "This item has no price in the cart's currency.", null);
        if (available is { } units && units <= 0) return new(LineIssue.OutOfStock, "This item is out of stock.", 0);
        if (available is { } left && left < quantity)
            return new(LineIssue.InsufficientStock, $"Only {left} of this item are left.", left);
        return null;
    }
}
