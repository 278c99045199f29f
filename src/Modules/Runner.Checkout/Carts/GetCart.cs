using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Checkout.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel.Http;

namespace Runner.Checkout.Carts;

/// <summary><c>GET /store/carts/{id}</c>: the cart priced and checked against the catalog and stock as they are now.</summary>
internal static class GetCart
{
    public static void Map(IEndpointRouteBuilder carts) =>
        carts.MapGet("/{id:guid}", Endpoint).RequireStorefront().WithName("GetCart")
            .WithSummary("Read a cart: lines priced now, each flagged with an `issue` when it cannot be bought as it stands")
            .WithDescription("An issue's `reason` is one of not_published, archived, not_active, out_of_stock, "
                + "insufficient_stock (with `available`), no_price. Flagged lines stay in the cart until changed or removed; "
                + "checkout refuses a cart with any.")
            .Produces<CartResponse>().ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Endpoint(
        Guid id, HttpContext http, CartStore carts, CartPricing pricing, CancellationToken ct)
    {
        var cart = await carts.FindAsync(new CartId(id), http.User.Channel(), track: false, ct);
        if (cart is null) return Problems.Of(CheckoutErrors.CartNotFound());
        return TypedResults.Ok((await pricing.PriceAsync(cart, ct)).ToResponse());
    }
}
