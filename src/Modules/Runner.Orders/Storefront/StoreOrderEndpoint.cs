using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;

namespace Runner.Orders.Storefront;

public sealed record StoreOrderLine(string Sku, string ProductTitle, string VariantTitle, long Quantity, Money UnitPrice, Money Total,
    long FulfilledQuantity);

public sealed record StoreFulfilment(string? Carrier, string? TrackingNumber, string? TrackingUrl, DateTimeOffset ShippedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>An order as its customer sees it: no costs, fraud scores, staff or timeline.</summary>
public sealed record StoreOrderResponse(OrderId Id, long Number, string Name, OrderStatus Status, PaymentStatus PaymentStatus,
    FulfilmentStatus FulfilmentStatus, string Email, Money Subtotal, Money ShippingTotal, Money TaxTotal, Money DiscountTotal,
    Money Total, Money Refunded, CustomerAddress? ShippingAddress, IReadOnlyList<StoreOrderLine> Lines,
    IReadOnlyList<StoreFulfilment> Fulfilments, DateTimeOffset CreatedAt);

/// <summary>
/// <c>GET /store/orders/{id}?token=...</c>: the signed link of the confirmation email opens the order, no account needed;
/// a signed-in customer (verified email) opens their own orders without it.
/// </summary>
internal static class StoreOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/store/orders/{id:guid}", Get).RequireStorefront().WithTags("Storefront").WithName("GetStoreOrder")
            .WithSummary("An order: the signed-in customer's own, or any through the signed link of its confirmation email")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<StoreOrderResponse>, ProblemHttpResult>> Get(Guid id, string? token, HttpContext http,
        OrderLinks links, OrderReader reader, CancellationToken ct)
    {
        var orderId = new OrderId(id);
        // A signed-in customer with a verified email opens their own orders without the link's token; anyone else's
        // order, or a wrong token, answers as an unknown order does, so neither can be used to learn which orders exist.
        var customer = http.User.HasClaim(ActorClaims.EmailVerified, "true") ? ActorClaims.CustomerOf(http.User) : null;
        var signed = !string.IsNullOrEmpty(token) && await links.CheckAsync(orderId, token, ct);
        if ((!signed && customer is null) || await reader.GetAsync(orderId, ct) is not { } o || (!signed && o.CustomerId?.Value != customer))
            return Problems.Of(Error.NotFound("orders.not_found", "No order has this id, or the link is not valid."));
        return TypedResults.Ok(new StoreOrderResponse(o.Id, o.Number, o.Name, o.Status, o.PaymentStatus, o.FulfilmentStatus, o.Email,
            o.Subtotal, o.ShippingTotal, o.TaxTotal, o.DiscountTotal, o.Total, o.Refunded, o.ShippingAddress,
            [.. o.Lines.Where(l => l.Quantity > 0).Select(l => new StoreOrderLine(l.Sku, l.ProductTitle, l.VariantTitle, l.Quantity, l.UnitPrice, l.Total, l.FulfilledQuantity))],
            [.. o.Fulfilments.Select(f => new StoreFulfilment(f.Carrier, f.TrackingNumber, f.TrackingUrl, f.CreatedAt, f.DeliveredAt))],
            o.CreatedAt));
    }
}
