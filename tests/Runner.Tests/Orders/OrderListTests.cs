using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

public class OrderListTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task TheList_FiltersByEmailStatusAndTotal_AndPagesWithACursor()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 20);
        var email = Runner.Tests.Inventory.InventoryData.Unique("List") + "@Example.com";
        var small = await OrderData.PlaceAsync(app, stock, 1, 500, email);
        var middle = await OrderData.PlaceAsync(app, stock, 1, 1500, email);
        var large = await OrderData.PlaceAsync(app, stock, 1, 5000, email);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{large.Id}/cancel", new { }))).Json();

        var byEmail = await (await admin.GetAsync($"/admin/orders?email={Uri.EscapeDataString(email.ToUpperInvariant())}&limit=2")).Json();
        var page1 = byEmail.GetProperty("items").EnumerateArray().Select(o => o.Str("name")).ToList();
        Assert.Equal([large.Name, middle.Name], page1);
        var next = await (await admin.GetAsync($"/admin/orders?email={Uri.EscapeDataString(email)}&limit=2&cursor={byEmail.Str("nextCursor")}")).Json();
        Assert.Equal(small.Name, Assert.Single(next.GetProperty("items").EnumerateArray()).Str("name"));

        var open = await (await admin.GetAsync($"/admin/orders?email={Uri.EscapeDataString(email)}&status=open&minTotal=1000&maxTotal=2000")).Json();
        Assert.Equal(middle.Name, Assert.Single(open.GetProperty("items").EnumerateArray()).Str("name"));
        var cancelled = await (await admin.GetAsync($"/admin/orders?email={Uri.EscapeDataString(email)}&status=cancelled&paymentStatus=voided")).Json();
        Assert.Equal(large.Name, Assert.Single(cancelled.GetProperty("items").EnumerateArray()).Str("name"));
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        var none = await (await admin.GetAsync($"/admin/orders?email={Uri.EscapeDataString(email)}&createdFrom={Uri.EscapeDataString(future)}")).Json();
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());

        await (await admin.GetAsync("/admin/orders?status=shipped")).Problem(HttpStatusCode.BadRequest, "orders.invalid_filter");
        (await (await admin.GetAsync("/admin/orders?createdFrom=2026-11-02T00:00:00Z&createdTo=2026-11-01T00:00:00Z"))
            .Problem(HttpStatusCode.BadRequest, "orders.invalid_filter")).HasFieldError("createdTo");
        (await (await admin.GetAsync("/admin/orders?minTotal=2000&maxTotal=1000"))
            .Problem(HttpStatusCode.BadRequest, "orders.invalid_filter")).HasFieldError("maxTotal");
        // A parameter the list does not take is refused, naming those it takes, rather than ignored.
        var unknown = await (await admin.GetAsync("/admin/orders?from=2026-11-01&limit=5")).Problem(HttpStatusCode.BadRequest, "request.unknown_parameter");
        unknown.HasFieldError("from");
        Assert.Contains("createdFrom", unknown.Str("detail"));
        Assert.DoesNotContain(" db", unknown.Str("detail"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/orders?CreatedFrom=2026-11-01T00:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Store().GetAsync("/store/products?utm_source=newsletter")).StatusCode);
        await (await admin.GetAsync($"/admin/orders/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound, "orders.not_found");
    }
}
