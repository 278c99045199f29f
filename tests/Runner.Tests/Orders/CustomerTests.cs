using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Customers.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

public class CustomerTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<CustomerId> EnsureAsync(string email, CustomerAddress? address = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var id = await scope.ServiceProvider.GetRequiredService<ICustomers>().EnsureAsync(email, "Ada", "Lovelace", address);
        await transaction.CommitAsync();
        return id;
    }

    [Fact]
    public async Task OneEmail_MakesOneCustomer_WhateverItsCase_EvenInParallel()
    {
        var email = Runner.Tests.Inventory.InventoryData.Unique("Same") + "@Example.com";
        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => EnsureAsync(i % 2 == 0 ? email : email.ToLowerInvariant())));
        Assert.Single(ids.Distinct());
        var page = await (await app.Admin().GetAsync($"/admin/customers?email={Uri.EscapeDataString(email.ToUpperInvariant())}")).Json();
        Assert.Equal(ids[0].ToString(), Assert.Single(page.GetProperty("items").EnumerateArray()).Str("id"));
    }

    [Fact]
    public async Task AnAddress_IsCheckedAgainstTheCountryTable_AndKeptOnce()
    {
        var email = Runner.Tests.Inventory.InventoryData.Unique("addr") + "@example.com";
        var bad = await Assert.ThrowsAsync<DomainException>(() => EnsureAsync(email, OrderData.Address("XX")));
        Assert.Contains("address/country", bad.Error.Fields!.Keys);
        var id = await EnsureAsync(email, OrderData.Address("gb"));
        await EnsureAsync(email, OrderData.Address("GB"));

        var admin = app.Admin();
        var customer = await (await admin.GetAsync($"/admin/customers/{id}")).Json();
        Assert.Equal("GB", Assert.Single(customer.GetProperty("addresses").EnumerateArray()).Str("country"));
        await (await admin.PostJson($"/admin/customers/{id}/addresses", new
        {
            firstName = "Ada", lastName = "L", line1 = "2 Road", city = "Paris", postalCode = "75001", country = "ZZ",
        })).Problem(HttpStatusCode.BadRequest, "customers.invalid_country");
        await (await admin.PostJson($"/admin/customers/{id}/addresses", new
        {
            firstName = "Ada", lastName = "L", line1 = "2 Road", city = "Paris", postalCode = "75001", country = "FR",
        })).Json(HttpStatusCode.Created);
        Assert.Equal(2, (await (await admin.GetAsync($"/admin/customers/{id}")).Json()).GetProperty("addresses").GetArrayLength());
    }

    [Fact]
    public async Task ACheckout_MakesTheCustomer_WithTheOrderInItsHistory()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var email = Runner.Tests.Inventory.InventoryData.Unique("hist") + "@example.com";
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000, email);
        var order = await OrderData.OrderAsync(admin, placed.Id);
        var customer = await (await admin.GetAsync($"/admin/customers/{order.Str("customerId")}")).Json();
        Assert.Equal(email, customer.Str("email"));
        Assert.Equal(1, customer.GetProperty("ordersCount").GetInt32());
        Assert.Equal(placed.Name, Assert.Single(customer.GetProperty("orders").EnumerateArray()).Str("name"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ICustomers>().HasOrdersAsync(email.ToUpperInvariant()));
        var q = await (await admin.GetAsync($"/admin/customers?q={Uri.EscapeDataString(email[..10])}")).Json();
        Assert.Contains(q.GetProperty("items").EnumerateArray(), c => c.Str("email") == email);
    }
}
