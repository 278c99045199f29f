using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Checkout.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Shipping.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>The rates offered for a cart: <c>{ "items": [...] }</c>, cheapest first.</summary>
public sealed record ShippingRatesResponse(IReadOnlyList<CartShippingRate> Items);

/// <summary>The body of <c>POST /store/carts/{id}/shipping-rate</c>.</summary>
public sealed record ChooseShippingRateRequest(string RateId);

/// <summary>
/// <c>GET /store/carts/{id}/shipping-rates</c> quotes the cart's lines that need shipping (their subtotal, weight and
/// count) to its shipping address; <c>POST /store/carts/{id}/shipping-rate</c> chooses one of them by id. The choice
/// is re-quoted on every later change and at checkout: its price follows the cart, and a rate no longer offered is
/// dropped.
/// </summary>
internal static class CartShipping
{
    public static void Map(IEndpointRouteBuilder carts)
    {
        carts.MapGet("/{id:guid}/shipping-rates", List).RequireStorefront().WithName("ListCartShippingRates")
            .WithSummary("The shipping rates for the cart's shipping address and lines: { items: [{ id, name, price, carrier, service, minDays, maxDays }] }")
            .Produces<ShippingRatesResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        carts.MapPost("/{id:guid}/shipping-rate", Choose).RequireStorefront().WithName("ChooseCartShippingRate")
            .WithSummary("Choose a shipping rate by the id the rates list gave")
            .Produces<CartResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<Results<Ok<ShippingRatesResponse>, ProblemHttpResult>> List(
        Guid id, HttpContext http, CartStore carts, CartPricing pricing, IShippingRates rates, CancellationToken ct)
    {
        var cart = await carts.FindAsync(new CartId(id), http.User.Channel(), track: false, ct);
        if (cart is null) return Problems.Of(CheckoutErrors.CartNotFound());
        var quotes = await QuoteAsync(cart, pricing, rates, ct);
        return quotes.IsSuccess
            ? TypedResults.Ok(new ShippingRatesResponse([.. quotes.Value.Select(CartTotals.ToRate)]))
            : Problems.Of(quotes.Error);
    }

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Choose(
        Guid id, ChooseShippingRateRequest request, HttpContext http, CartStore carts, CartPricing pricing, IShippingRates rates,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.RateId))
            return Problems.Of(Error.Invalid("rateId", "validation.required", "rateId is required."));
        var cart = await carts.FindAsync(new CartId(id), http.User.Channel(), track: false, ct);
        if (cart is null) return Problems.Of(CheckoutErrors.CartNotFound());
        var quotes = await QuoteAsync(cart, pricing, rates, ct);
        if (!quotes.IsSuccess) return Problems.Of(quotes.Error);
        if (quotes.Value.FirstOrDefault(q => q.RateId == request.RateId) is not { } quote)
            return Problems.Of(CheckoutErrors.UnknownShippingRate());
        var result = await carts.ChangeAsync(cart.Id, cart.ChannelId, c =>
        {
            c.ShippingRate = CartTotals.ToRate(quote);
            return new CartChange();
        }, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    private static async Task<Result<IReadOnlyList<ShippingQuote>>> QuoteAsync(Cart cart, CartPricing pricing, IShippingRates rates, CancellationToken ct)
    {
        if (cart.Status == CartStatus.Completed) return CheckoutErrors.Completed(cart.OrderId);
        var priced = await pricing.PriceAsync(cart, ct);
        if (CartTotals.QuoteRequest(cart, priced.Lines) is not { } request) return CheckoutErrors.ShippingAddressRequired();
        return Result<IReadOnlyList<ShippingQuote>>.Ok(request.Items == 0 ? [] : await rates.QuoteAsync(request, ct));
    }
}
