using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Checkout.Contracts;
using Runner.Customers.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Checkout.Carts;

/// <summary>
/// Carts of signed-in customers. <c>POST /store/carts/{id}/customer</c>, called at sign-in with the cart the shopper
/// filled as a guest: the cart becomes the customer's (with their account's email), and the customer's latest other
/// open cart of the channel (from another device or visit) is merged into it, a variant already there adding to its
/// line, then deleted; in one transaction. <c>GET /store/customers/me/cart</c> is the customer's latest open cart.
/// </summary>
internal static class CustomerCart
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/store/carts/{id:guid}/customer", Claim).RequireCustomer().WithTags("Carts").WithName("ClaimCart")
            .WithSummary("Make a guest's cart the signed-in customer's, merging in their previous open cart")
            .Produces<CartResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/store/customers/me/cart", Current).RequireCustomer().WithTags("Carts").WithName("GetMyCart")
            .WithSummary("The signed-in customer's latest open cart").Produces<CartResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Claim(Guid id, HttpContext http, RunnerDbContext db, CartStore carts,
        ICustomers customers, TimeProvider clock, CancellationToken ct)
    {
        var me = ActorClaims.CustomerOf(http.User)!.Value;
        var channel = http.User.Channel();
        var email = await customers.EmailOfAsync(new CustomerId(me), ct);
        var now = Instants.Now(clock);
        var cartId = new CartId(id);
        var previous = await db.Set<Cart>().AsNoTracking().Include(c => c.Lines)
            .Where(c => c.CustomerId == me && c.ChannelId == channel && c.Id != cartId && c.Status == CartStatus.Open
                && (c.CheckoutLockedUntil == null || c.CheckoutLockedUntil < now))
            .OrderByDescending(c => c.LastActivityAt).FirstOrDefaultAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await carts.ChangeAsync(cartId, channel, cart =>
        {
            cart.CustomerId = me;
            if (email is not null) cart.Email = email;
            foreach (var line in (previous?.Lines ?? []).OrderBy(l => l.Position))
            {
                if (cart.Lines.FirstOrDefault(l => l.VariantId == line.VariantId) is { } same)
                {
                    same.Quantity = Math.Min(CartRules.MaxQuantity, same.Quantity + line.Quantity);
                    continue;
                }
                if (cart.Lines.Count >= CartRules.MaxLines) return CheckoutErrors.TooManyLines();
                cart.Lines.Add(new CartLine
                {
                    Id = Guid.CreateVersion7(), CartId = cart.Id, VariantId = line.VariantId, Quantity = line.Quantity,
                    Position = cart.Lines.Count == 0 ? 0 : cart.Lines.Max(l => l.Position) + 1,
                });
            }
            // A merged line short of stock is flagged on the cart, not refused: the shopper sees it and decides.
            return new CartChange();
        }, ct);
        if (!result.IsSuccess) return Problems.Of(result.Error);
        if (previous is not null
            && await db.Set<Cart>().Where(c => c.Id == previous.Id && c.Version == previous.Version && c.Status == CartStatus.Open).ExecuteDeleteAsync(ct) == 0)
        {
            await transaction.RollbackAsync(ct);
            return Problems.Of(Error.Conflict("cart.changed", "The customer's other cart changed while it was being merged: try again."));
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Current(HttpContext http, RunnerDbContext db, CartStore carts,
        CartPricing pricing, CancellationToken ct)
    {
        var me = ActorClaims.CustomerOf(http.User)!.Value;
        var channel = http.User.Channel();
        var latest = await db.Set<Cart>().AsNoTracking().Where(c => c.CustomerId == me && c.ChannelId == channel && c.Status == CartStatus.Open)
            .OrderByDescending(c => c.LastActivityAt).Select(c => c.Id).FirstOrDefaultAsync(ct);
        var cart = latest == default ? null : await carts.FindAsync(latest, channel, track: false, ct);
        return cart is null
            ? Problems.Of(Error.NotFound("cart.not_found", "You have no open cart: create one with POST /store/carts."))
            : TypedResults.Ok((await pricing.PriceAsync(cart, ct)).ToResponse());
    }
}
