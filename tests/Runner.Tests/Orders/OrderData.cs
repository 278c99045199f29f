using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Customers.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;
using Runner.Tests.Infrastructure;
using Runner.Tests.Inventory;

namespace Runner.Tests.Orders;

/// <summary>
/// Places orders as checkout does: the units reserved through the inventory, the card authorized through the sandbox
/// (outside any transaction), then <see cref="IOrders.PlaceAsync"/> in one transaction that commits.
/// </summary>
internal static class OrderData
{
    public sealed record Stocked(string Variant, string Product, string Location);

    public static CustomerAddress Address(string country = "US") =>
        new("Ada", "Lovelace", "1 Analytical Way", null, "London", null, "N1 9GU", country, null);

    public static async Task<Stocked> StockAsync(HttpClient admin, long units)
    {
        var product = await InventoryData.ProductAsync(admin);
        var variant = product.GetProperty("variants")[0].Str("id");
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, units);
        return new Stocked(variant, product.Str("id"), location);
    }

    public static async Task<string> TokenAsync(HttpClient store, string number = "4242424242424242")
    {
        var token = await (await store.PostJson("/store/payment-tokens",
            new { number, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123", holderName = "Ada Lovelace" })).Json(HttpStatusCode.Created);
        return token.Str("token");
    }

    /// <summary>Places an order of <paramref name="quantity"/> units at <paramref name="unitPrice"/> USD cents, paid by card (authorized).</summary>
    public static async Task<PlacedOrder> PlaceAsync(RunnerApp app, Stocked stock, long quantity, long unitPrice, string? email = null,
        bool pay = true, long shipping = 0, FraudAssessment? fraud = null, string country = "US", bool pricesIncludeTax = false,
        PaymentMethod method = PaymentMethod.Card)
    {
        email ??= InventoryData.Unique("buyer") + "@example.com";
        var cart = "cart_" + Guid.NewGuid().ToString("N");
        var total = new Money(unitPrice * quantity + shipping, "USD");
        PaymentId? paymentId = null;
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (pay)
        {
            var token = method == PaymentMethod.Card ? await TokenAsync(app.Store()) : null;
            var authorized = await services.GetRequiredService<IPayments>().AuthorizeAsync(
                new AuthorizeRequest(total, method, token, "cart:" + cart, email, "127.0.0.1", null));
            Assert.True(authorized.Payment is not null, authorized.Decline?.Message);
            paymentId = authorized.Payment.Id;
        }
        var db = services.GetRequiredService<RunnerDbContext>();
        var channel = await services.GetRequiredService<IStoreQueries>().GetDefaultChannelAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var variant = new VariantId(Guid.Parse(stock.Variant));
        var reservation = await services.GetRequiredService<IInventoryService>().ReserveAsync(
            new ReserveRequest(variant, quantity, ChannelId: channel.Id, Reference: cart));
        var line = new PlaceOrderLine(variant, new ProductId(Guid.Parse(stock.Product)), "SKU", "Test product", "Default", quantity,
            new Money(unitPrice, "USD"), new Money(unitPrice / 2, "USD"), Money.Zero("USD"), [], new Money(unitPrice * quantity, "USD"),
            true, 500, [reservation.Id]);
        var placed = await services.GetRequiredService<IOrders>().PlaceAsync(new PlaceOrderRequest(cart, channel.Id, email, Address(country), null,
            "USD", "USD", 1m, pricesIncludeTax, [line],
            shipping > 0 ? new PlaceOrderShipping("rate_flat", "Standard", "UPS", "Ground", new Money(shipping, "USD"), [], new Money(300, "USD")) : null,
            new Money(unitPrice * quantity, "USD"), new Money(shipping, "USD"), Money.Zero("USD"), Money.Zero("USD"), total,
            paymentId, pay ? method : null, fraud,
            new OrderAttribution("v1", "s1", "newsletter", "email", "spring", null), null));
        await transaction.CommitAsync();
        return placed;
    }

    /// <summary>An order placed and captured in full, with the id of its (first) line.</summary>
    public static async Task<(PlacedOrder Placed, string Line)> CapturedAsync(RunnerApp app, Stocked stock, long quantity, long unitPrice)
    {
        var admin = app.Admin();
        var placed = await PlaceAsync(app, stock, quantity, unitPrice);
        await (await admin.SendAsync(Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        return (placed, (await OrderAsync(admin, placed.Id)).GetProperty("lines")[0].Str("id"));
    }

    public static HttpRequestMessage Pay(string url, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return request;
    }

    public static async Task<long> AvailableAsync(HttpClient admin, Stocked stock, string? location = null) =>
        (await InventoryData.LevelAsync(admin, stock.Variant, location ?? stock.Location))!.Value.Long("available");

    public static async Task<System.Text.Json.JsonElement> OrderAsync(HttpClient admin, OrderId id) =>
        await (await admin.GetAsync($"/admin/orders/{id}")).Json();
}
