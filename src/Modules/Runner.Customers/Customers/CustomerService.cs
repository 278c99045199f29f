using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Ids;
using Runner.Kernel.Validation;

namespace Runner.Customers.Customers;

/// <summary>
/// <see cref="ICustomers"/>: the customer is inserted with <c>ON CONFLICT DO NOTHING</c> on the unique email key, so
/// two checkouts of one new email in parallel both end with the one row, inside the caller's transaction, with no
/// failed statement to roll back.
/// </summary>
internal sealed class CustomerService(RunnerDbContext db, TimeProvider clock) : ICustomers
{
    public async Task<CustomerId> EnsureAsync(string email, string? firstName, string? lastName, CustomerAddress? address, CancellationToken ct = default)
    {
        var v = new Validator();
        v.Email("email", email);
        v.ThrowIfInvalid();
        var normalized = address is null ? null : AddressRules.Normalize(address, "address");
        var key = Customer.KeyOf(email);
        var now = Instants.Now(clock);
        var provider = db.Provider();
        await using (var insert = await Sql.CommandAsync(db, """
            INSERT INTO customers_customers (id, email, email_key, first_name, last_name, orders_count, total_spent, created_at, updated_at)
            VALUES (@id, @email, @key, @first, @last, 0, 0, @now, @now)
            ON CONFLICT (email_key) DO NOTHING
            """, ct))
        {
            await insert.With("@id", Sql.Id(provider, TypedId.New<CustomerId>().Value)).With("@email", email.Trim()).With("@key", key)
                .With("@first", Blank(firstName)).With("@last", Blank(lastName)).With("@now", Sql.Time(provider, now))
                .ExecuteNonQueryAsync(ct);
        }
        var customer = await db.Set<Customer>().FirstAsync(c => c.EmailKey == key, ct);
        if (customer.FirstName is null && Blank(firstName) is { } first) { customer.FirstName = first; customer.UpdatedAt = now; }
        if (customer.LastName is null && Blank(lastName) is { } last) { customer.LastName = last; customer.UpdatedAt = now; }
        if (normalized is not null)
        {
            var known = await db.Set<CustomerAddressRow>().Where(a => a.CustomerId == customer.Id).ToListAsync(ct);
            if (!known.Any(a => a.Matches(normalized))) db.Add(AddressBook.Row(customer.Id, normalized, now));
        }
        await db.SaveChangesAsync(ct);
        return customer.Id;
    }

    public Task<bool> HasOrdersAsync(string email, CancellationToken ct = default)
    {
        var key = Customer.KeyOf(email);
        return db.Set<Customer>().AnyAsync(c => c.EmailKey == key && c.OrdersCount > 0, ct);
    }

    public async Task RecordOrderAsync(CustomerId id, Money totalInStoreCurrency, DateTimeOffset placedAt, CancellationToken ct = default)
    {
        var now = Instants.Now(clock);
        await db.Set<Customer>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OrdersCount, c => c.OrdersCount + 1)
            .SetProperty(c => c.TotalSpent, c => c.TotalSpent + totalInStoreCurrency.Minor)
            .SetProperty(c => c.SpentCurrency, totalInStoreCurrency.Currency)
            .SetProperty(c => c.LastOrderAt, placedAt)
            .SetProperty(c => c.UpdatedAt, now), ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The history a customer shows when no orders module supplies one.</summary>
internal sealed class NoOrderHistory : ICustomerOrderHistory
{
    public Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(CustomerId id, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CustomerOrderSummary>>([]);
}
