using Runner.Kernel.Actors;
using Runner.Customers.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Checkout.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary><c>POST /store/carts</c>: a new, empty cart in an enabled currency, owned by the key's sales channel.</summary>
internal static class CreateCart
{
    public static void Map(IEndpointRouteBuilder carts) =>
        carts.MapPost("", Endpoint).RequireStorefront().WithName("CreateCart")
            .WithSummary("Create a cart in one of the store's enabled currencies, with an optional email and attribution")
            .WithDescription("Prices come from each variant's price in the cart's currency, else its default-currency price "
                + "converted at the store's configured rate; the rate used is returned as `exchangeRate`.")
            .Produces<CartResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Created<CartResponse>, ProblemHttpResult>> Endpoint(
        CreateCartRequest request, HttpContext http, RunnerDbContext db, IStoreQueries store, CartPricing pricing, ICustomers customers,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        if (!Currency.IsKnown(request.Currency))
            v.Add("currency", "money.unknown_currency", $"'{request.Currency}' is not an ISO 4217 currency code.");
        v.Email("email", request.Email);
        CartRules.Attribution(v, request.Attribution);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var settings = await store.GetSettingsAsync(ct);
        if (!settings.IsEnabled(request.Currency)) return Problems.Of(CheckoutErrors.CurrencyNotEnabled(request.Currency));

        var now = Instants.Now(clock);
        // A signed-in customer's cart is theirs, with their account's email (an order is theirs by that email).
        var owner = ActorClaims.CustomerOf(http.User);
        var email = owner is { } id ? await customers.EmailOfAsync(new CustomerId(id), ct) : null;
        var cart = new Cart
        {
            Id = TypedId.New<CartId>(),
            ChannelId = http.User.Channel(),
            Status = CartStatus.Open,
            Currency = request.Currency,
            ExchangeRate = CartPricing.RateOf(settings, request.Currency) ?? 1m,
            Email = email ?? CartRules.Blank(request.Email),
            CustomerId = owner,
            Attribution = CartRules.Normalize(request.Attribution),
            LastActivityAt = now,
        };
        db.Add(cart);
        await db.SaveChangesAsync(ct);
        var priced = await pricing.PriceAsync(cart, ct);
        return TypedResults.Created($"/store/carts/{cart.Id}", priced.ToResponse());
    }
}
