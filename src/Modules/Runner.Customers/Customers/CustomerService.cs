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
/// failed statement to roll back. Both run inside the order's transaction, while SQLite's one write lock is held, so
/// they are a few plain statements: a new customer is not read back, and a known one is read without tracking.
/// </summary>
internal sealed class CustomerService(RunnerDbContext db, TimeProvider clock) : ICustomers
{
    // The reads of a returning customer's order, made while the order's transaction holds the write lock: compiled.
    private static readonly CompiledQuery<Func<RunnerDbContext, string, CancellationToken, Task<KnownCustomer>>> Known = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, string key, CancellationToken ct) => db.Set<Customer>().AsNoTracking()
            .Where(c => c.EmailKey == key).Select(c => new KnownCustomer(c.Id, c.FirstName, c.LastName)).First()));

    private static readonly CompiledQuery<Func<RunnerDbContext, CustomerId, IAsyncEnumerable<CustomerAddressRow>>> Addresses = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, CustomerId id) => db.Set<CustomerAddressRow>().AsNoTracking().Where(a => a.CustomerId == id)));

    private sealed record KnownCustomer(CustomerId Id, string? FirstName, string? LastName);

    public async Task<CustomerId> EnsureAsync(string email, string? firstName, string? lastName, CustomerAddress? address,
        bool callerSaves = false, CancellationToken ct = default)
    {
        var v = new Validator();
        v.Email("email", email);
        v.ThrowIfInvalid();
        var normalized = address is null ? null : AddressRules.Normalize(address, "address");
        var key = Customer.KeyOf(email);
        var now = Instants.Now(clock);
        var provider = db.Provider();
        var id = TypedId.New<CustomerId>();
        int inserted;
        await using (var insert = await Sql.CommandAsync(db, """
            INSERT INTO customers_customers (id, email, email_key, first_name, last_name, orders_count, total_spent, created_at, updated_at)
            VALUES (@id, @email, @key, @first, @last, 0, 0, @now, @now)
            ON CONFLICT (email_key) DO NOTHING
            """, ct))
        {
            inserted = await insert.With("@id", Sql.Id(provider, id.Value)).With("@email", email.Trim()).With("@key", key)
                .With("@first", Blank(firstName)).With("@last", Blank(lastName)).With("@now", Sql.Time(provider, now))
                .ExecuteNonQueryAsync(ct);
        }
        // A new customer has the names given and no address yet; only a known one is read (the write lock is held).
        IReadOnlyList<CustomerAddressRow> known = [];
        if (inserted == 0)
        {
            var existing = await Known.For(db)(db, key, ct);
            id = existing.Id;
            if ((existing.FirstName is null && Blank(firstName) is not null) || (existing.LastName is null && Blank(lastName) is not null))
            {
                await using var names = await Sql.CommandAsync(db, """
                    UPDATE customers_customers SET first_name = COALESCE(first_name, @first), last_name = COALESCE(last_name, @last),
                        updated_at = @now
                    WHERE id = @id
                    """, ct);
                await names.With("@first", Blank(firstName)).With("@last", Blank(lastName)).With("@now", Sql.Time(provider, now))
                    .With("@id", Sql.Id(provider, id.Value)).ExecuteNonQueryAsync(ct);
            }
            if (normalized is not null)
                known = await Addresses.For(db)(db, id).ToListAsync(ct);
        }
        if (normalized is not null && !known.Any(a => a.Matches(normalized)))
        {
            db.Add(AddressBook.Row(id, normalized, now));
            // An order's transaction saves the address with its own rows, in one batch.
            if (!callerSaves) await db.SaveChangesAsync(ct);
        }
        return id;
    }

    /// <summary>Asked by every checkout's fraud screen (a first order scores higher), so compiled.</summary>
    private static readonly CompiledQuery<Func<RunnerDbContext, string, CancellationToken, Task<bool>>> Ordered = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, string key, CancellationToken ct) =>
            db.Set<Customer>().Any(c => c.EmailKey == key && c.OrdersCount > 0)));

    public Task<bool> HasOrdersAsync(string email, CancellationToken ct = default) =>
        Ordered.For(db)(db, Customer.KeyOf(email), ct);

    public Task<string?> EmailOfAsync(CustomerId id, CancellationToken ct = default) =>
        db.Set<Customer>().AsNoTracking().Where(c => c.Id == id).Select(c => c.Email).FirstOrDefaultAsync(ct);

    public async Task<bool> ChangeEmailAsync(CustomerId id, string email, CancellationToken ct = default)
    {
        var key = Customer.KeyOf(email);
        if (await db.Set<Customer>().AnyAsync(c => c.EmailKey == key && c.Id != id, ct)) return false;
        var now = Instants.Now(clock);
        return await db.Set<Customer>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, email.Trim())
            .SetProperty(c => c.EmailKey, key).SetProperty(c => c.UpdatedAt, now), ct) == 1;
    }

    public async Task EraseAsync(CustomerId id, CancellationToken ct = default)
    {
        var placeholder = $"erased-{id.Value:N}@erased.invalid";
        var now = Instants.Now(clock);
        await db.Set<Customer>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, placeholder)
            .SetProperty(c => c.EmailKey, placeholder).SetProperty(c => c.FirstName, (string?)null).SetProperty(c => c.LastName, (string?)null)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await db.Set<CustomerAddressRow>().Where(a => a.CustomerId == id).ExecuteDeleteAsync(ct);
    }

    public async Task RecordOrderAsync(CustomerId id, Money totalInStoreCurrency, DateTimeOffset placedAt, CancellationToken ct = default)
    {
        var provider = db.Provider();
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE customers_customers SET orders_count = orders_count + 1, total_spent = total_spent + {0},
                spent_currency = {1}, last_order_at = {2}, updated_at = {3}
            WHERE id = {4}
            """, [totalInStoreCurrency.Minor, totalInStoreCurrency.Currency, Sql.Time(provider, placedAt),
                Sql.Time(provider, Instants.Now(clock)), Sql.Id(provider, id.Value)], ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The history a customer shows when no orders module supplies one.</summary>
internal sealed class NoOrderHistory : ICustomerOrderHistory
{
    public Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(CustomerId id, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CustomerOrderSummary>>([]);
}
