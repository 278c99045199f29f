using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;

namespace Runner.Customers.Customers;

public sealed record CustomerResponse(CustomerId Id, string Email, string? FirstName, string? LastName, int OrdersCount,
    Money? TotalSpent, DateTimeOffset? LastOrderAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CustomerDetailResponse(CustomerId Id, string Email, string? FirstName, string? LastName, int OrdersCount,
    Money? TotalSpent, DateTimeOffset? LastOrderAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<CustomerAddressResponse> Addresses, IReadOnlyList<CustomerOrderSummary> Orders);

/// <summary><c>GET /admin/customers</c> (newest first, cursor paging, filters) and <c>GET /admin/customers/{id}</c>.</summary>
internal static class CustomerQueries
{
    public const int HistoryLimit = 50;

    public static void Map(IEndpointRouteBuilder customers)
    {
        customers.MapGet("/", List).RequirePermission(Permissions.CustomersRead).WithName("ListCustomers")
            .WithSummary("List customers, newest first, with cursor paging")
            .WithDescription("`email` matches the whole address (case-insensitive); `q` matches part of the email or name.")
            .ProducesValidationProblem();
        customers.MapGet("/{id:guid}", Get).RequirePermission(Permissions.CustomersRead).WithName("GetCustomer")
            .WithSummary("A customer with its addresses and its latest 50 orders").ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Ok<Page<CustomerResponse>>> List(RunnerDbContext db, int? limit, string? cursor, string? email, string? q,
        CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var query = db.Set<Customer>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var key = Customer.KeyOf(email);
            query = query.Where(c => c.EmailKey == key);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.EmailKey.Contains(term) || (c.FirstName != null && c.FirstName.ToLower().Contains(term))
                || (c.LastName != null && c.LastName.ToLower().Contains(term)));
        }
        if (Cursor.Decode(cursor, 1) is { } keys)
        {
            var after = new CustomerId(Cursor.IdKey(keys[0]));
            query = query.Where(c => c.Id.Value.CompareTo(after.Value) < 0);
        }
        var rows = await query.OrderByDescending(c => c.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, ToResponse, c => Cursor.Encode(c.Id.Value)));
    }

    internal static async Task<Results<Ok<CustomerDetailResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db,
        ICustomerOrderHistory history, CancellationToken ct)
    {
        var customerId = new CustomerId(id);
        var c = await db.Set<Customer>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (c is null) return Problems.Of(AddressRules.NotFound());
        var addresses = await db.Set<CustomerAddressRow>().AsNoTracking().Where(a => a.CustomerId == customerId)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var orders = await history.ListAsync(customerId, HistoryLimit, ct);
        return TypedResults.Ok(new CustomerDetailResponse(c.Id, c.Email, c.FirstName, c.LastName, c.OrdersCount, Spent(c), c.LastOrderAt,
            c.CreatedAt, c.UpdatedAt, [.. addresses.Select(AddressBook.ToResponse)], orders));
    }

    private static CustomerResponse ToResponse(Customer c) =>
        new(c.Id, c.Email, c.FirstName, c.LastName, c.OrdersCount, Spent(c), c.LastOrderAt, c.CreatedAt, c.UpdatedAt);

    private static Money? Spent(Customer c) => c.SpentCurrency is { } currency ? new Money(c.TotalSpent, currency) : null;
}
