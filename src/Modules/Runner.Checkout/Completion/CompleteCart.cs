using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Checkout.Contracts;
using Runner.Identity.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Data;
using Runner.Kernel.Idempotency;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;

namespace Runner.Checkout.Completion;

/// <summary>
/// The body of <c>POST /store/carts/{id}/complete</c>: a card payment token (or <c>paymentMethod: "manual"</c>), or, after
/// a 3-D Secure challenge was confirmed, the <c>paymentId</c> the first call answered with.
/// </summary>
public sealed record CompleteCartRequest(string? PaymentToken = null, string? PaymentMethod = null, Guid? PaymentId = null);

/// <summary>A line of the placed order; <see cref="Backordered"/> of its units were not in stock and ship when restocked.</summary>
public sealed record CheckoutOrderLine(string Sku, string ProductTitle, string VariantTitle, long Quantity, Money UnitPrice, Money Total,
    long Backordered);

/// <summary>
/// The order a checkout placed, as its customer may see it. <see cref="StatusToken"/> opens it again later
/// (<c>GET /store/orders/{id}?token=...</c>, the link of the confirmation email), so a storefront can show a confirmation
/// page that survives a reload without an account.
/// </summary>
public sealed record CheckoutOrderResponse(OrderId Id, long Number, string Name, OrderStatus Status, PaymentStatus PaymentStatus,
    string Email, string Currency, Money Subtotal, Money ShippingTotal, Money TaxTotal, Money DiscountTotal, Money Total,
    PaymentId? PaymentId, CartId CartId, IReadOnlyList<CheckoutOrderLine> Lines, DateTimeOffset CreatedAt, string StatusToken);

/// <summary>202: the payment needs the customer (3-D Secure). Confirm it, then complete again with <c>{ paymentId }</c>.</summary>
public sealed record RequiresActionResponse(string Status, PaymentId PaymentId, PaymentNextAction? NextAction);

/// <summary>
/// <c>POST /store/carts/{id}/complete</c>: checks the cart, reserves its lines, screens and authorizes the payment
/// outside any transaction, then places the order and closes the cart in one transaction. Takes an Idempotency-Key:
/// a retry answers what the first call answered and charges once.
/// </summary>
internal static class CompleteCart
{
    public static void Map(IEndpointRouteBuilder carts) =>
        carts.MapPost("/{id:guid}/complete", Endpoint).RequireStorefront().WithName("CompleteCart")
            .WithSummary("Check out: place the cart's order and pay for it (Idempotency-Key header required)")
            .WithDescription("Body `{ paymentToken?, paymentMethod?: \"card\" | \"manual\", paymentId? }`. 201 with the order; "
                + "202 `{ status: \"requires_action\", paymentId, nextAction }` when the card needs 3-D Secure: confirm it through "
                + "POST /store/payments/{id}/confirm, then call again with `{ paymentId }` (and a new Idempotency-Key). "
                + "402 with the gateway's code when the card is declined; 409 `inventory.insufficient_stock` naming the lines, "
                + "409 `cart.completed` with `orderId`; 422 `cart.*` when the cart cannot be checked out as it stands, "
                + "422 `checkout.fraud_refused`. A refusal leaves no reservation, no charge and no order.")
            .Produces<CheckoutOrderResponse>(StatusCodes.Status201Created)
            .Produces<RequiresActionResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static async Task<IResult> Endpoint(Guid id, CompleteCartRequest? body, HttpContext http, IdempotencyStore idempotency,
        CheckoutRun run, CheckoutGate gate, CancellationToken ct)
    {
        body ??= new CompleteCartRequest();
        var key = http.Request.Headers[IdempotencyStore.Header].ToString();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        // The checkout's commits share one flush of the log, before the gateway is called and before it answers.
        await using (DeferredDurability.Begin())
        {
            return await gate.RunAsync(() => idempotency.RunAsync(http, "checkout", new { id, body },
                ct => run.RunAsync(new CartId(id), http.User.Channel(), body, key, ip, ct), ct), ct);
        }
    }
}
