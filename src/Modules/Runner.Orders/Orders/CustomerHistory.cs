using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Orders.Contracts;

namespace Runner.Orders.Orders;

/// <summary>A customer's orders, newest first, for <c>GET /admin/customers/{id}</c>.</summary>
internal sealed class CustomerHistory(RunnerDbContext db) : ICustomerOrderHistory
{
    public async Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(CustomerId id, int limit, CancellationToken ct = default)
    {
        var rows = await db.Set<Order>().AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.Id).Take(limit)
            .Select(o => new { o.Id, o.Name, o.Status, o.PaymentStatus, o.FulfilmentStatus, o.Total, o.Currency, o.CreatedAt })
            .ToListAsync(ct);
        return [.. rows.Select(o => new CustomerOrderSummary(o.Id.Value, o.Name, Snake(o.Status), Snake(o.PaymentStatus),
            Snake(o.FulfilmentStatus), new Money(o.Total, o.Currency), o.CreatedAt))];
    }

    private static string Snake(object value) => OrderErrors.Snake(value);
}
