using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Runner.Checkout.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel.Http;
using Runner.Kernel.Validation;

namespace Runner.Checkout.Carts;

/// <summary>
/// <c>PATCH /store/carts/{id}</c>: email, addresses, note and attribution as a JSON merge patch (null clears a field).
/// Changing the shipping address drops the chosen shipping rate, which was quoted for the old one.
/// </summary>
internal static class UpdateCart
{
    public static void Map(IEndpointRouteBuilder carts) =>
        carts.MapPatch("/{id:guid}", Endpoint).RequireStorefront().WithName("UpdateCart")
            .Accepts<CartDetailsInput>(JsonMergePatch.MediaType, "application/json")
            .WithSummary("Set the cart's email, shipping and billing addresses, note and attribution (JSON merge patch)")
            .WithDescription("Addresses are `{ firstName, lastName, line1, line2?, city, region?, postalCode, country, phone? }` "
                + "with `country` an ISO 3166-1 alpha-2 code. A new shipping address clears the chosen shipping rate. Like every change "
                + "of a cart: 409 `cart.completed` once it is checked out, 409 `cart.checkout_in_progress` while a checkout holds it.")
            .Produces<CartResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Endpoint(
        Guid id, JsonElement patch, HttpContext http, CartStore carts,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var result = await carts.ChangeAsync(new CartId(id), http.User.Channel(), cart =>
        {
            var current = new CartDetailsInput(cart.Email, cart.ShippingAddress, cart.BillingAddress, cart.Note, cart.Attribution);
            var input = JsonMergePatch.Merge(current, patch, json.Value.SerializerOptions);
            var v = new Validator();
            CartRules.Details(v, input);
            if (!v.IsValid) return v.ToError();
            var shipping = CartRules.Normalize(input.ShippingAddress);
            if (shipping != cart.ShippingAddress) cart.ShippingRate = null;
            cart.Email = CartRules.Blank(input.Email);
            cart.ShippingAddress = shipping;
            cart.BillingAddress = CartRules.Normalize(input.BillingAddress);
            cart.Note = CartRules.Blank(input.Note);
            cart.Attribution = CartRules.Normalize(input.Attribution);
            return new CartChange();
        }, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }
}
