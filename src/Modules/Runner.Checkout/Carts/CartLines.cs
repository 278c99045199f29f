using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Checkout.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Checkout.Carts;

/// <summary>
/// <c>POST /store/carts/{id}/lines</c>, <c>PATCH</c> and <c>DELETE /store/carts/{id}/lines/{lineId}</c>. Adding a
/// variant already in the cart adds to its line. For a variant that does not sell when out of stock (policy
/// <c>deny</c>), a quantity above the available units is refused with 409 <c>inventory.insufficient_stock</c>
/// (with <c>available</c>) and the cart is left unchanged: the shopper sees the limit instead of a silent clamp.
/// </summary>
internal static class CartLines
{
    public static void Map(IEndpointRouteBuilder carts)
    {
        carts.MapPost("/{id:guid}/lines", Add).RequireStorefront().WithName("AddCartLine")
            .WithSummary("Add a variant to the cart (adds to its line when already there)")
            .Produces<CartResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        carts.MapPatch("/{id:guid}/lines/{lineId:guid}", Update).RequireStorefront().WithName("UpdateCartLine")
            .WithSummary("Change a line's quantity (0 removes it)")
            .Produces<CartResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        carts.MapDelete("/{id:guid}/lines/{lineId:guid}", Remove).RequireStorefront().WithName("RemoveCartLine")
            .WithSummary("Remove a line").Produces<CartResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Add(
        Guid id, AddLineRequest request, HttpContext http, CartStore carts, Catalog.Contracts.IVariantDirectory variants, CancellationToken ct)
    {
        var v = new Validator();
        v.Range("quantity", request.Quantity, 1, CartRules.MaxQuantity);
        if (!v.IsValid) return Problems.Of(v.ToError());
        if ((await variants.FindAsync([request.VariantId], ct)).Count == 0) return Problems.Of(CheckoutErrors.UnknownVariant());
        var result = await carts.ChangeAsync(new CartId(id), http.User.Channel(), cart =>
        {
            var line = cart.Lines.FirstOrDefault(l => l.VariantId == request.VariantId);
            if (line is not null)
            {
                if (line.Quantity + request.Quantity > CartRules.MaxQuantity)
                    return Error.Invalid("quantity", "validation.out_of_range", $"A line holds at most {CartRules.MaxQuantity} units.");
                line.Quantity += request.Quantity;
                return new CartChange(request.VariantId, Raised: true);
            }
            if (cart.Lines.Count >= CartRules.MaxLines) return CheckoutErrors.TooManyLines();
            cart.Lines.Add(new CartLine
            {
                Id = Guid.CreateVersion7(),
                CartId = cart.Id,
                Position = cart.Lines.Count == 0 ? 0 : cart.Lines.Max(l => l.Position) + 1,
                VariantId = request.VariantId,
                Quantity = request.Quantity,
            });
            return new CartChange(request.VariantId, Added: true);
        }, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Update(
        Guid id, Guid lineId, UpdateLineRequest request, HttpContext http, CartStore carts, CancellationToken ct)
    {
        var v = new Validator();
        v.Range("quantity", request.Quantity, 0, CartRules.MaxQuantity);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var result = await carts.ChangeAsync(new CartId(id), http.User.Channel(), cart =>
        {
            var line = cart.Lines.FirstOrDefault(l => l.Id == lineId);
            if (line is null) return CheckoutErrors.LineNotFound();
            if (request.Quantity == 0)
            {
                cart.Lines.Remove(line);
                return new CartChange();
            }
            var raised = request.Quantity > line.Quantity;
            line.Quantity = request.Quantity;
            return new CartChange(line.VariantId, Raised: raised);
        }, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    internal static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Remove(
        Guid id, Guid lineId, HttpContext http, CartStore carts, CancellationToken ct)
    {
        var result = await carts.ChangeAsync(new CartId(id), http.User.Channel(), cart =>
        {
            var line = cart.Lines.FirstOrDefault(l => l.Id == lineId);
            if (line is null) return CheckoutErrors.LineNotFound();
            cart.Lines.Remove(line);
            return new CartChange();
        }, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }
}
