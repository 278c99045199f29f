using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Customers.Customers;

public sealed record CustomerAddressResponse(Guid Id, string FirstName, string LastName, string Line1, string? Line2, string City,
    string? Region, string PostalCode, string Country, string? Phone, DateTimeOffset CreatedAt);

/// <summary>An address as a request body: <c>line2</c>, <c>region</c> and <c>phone</c> may be left out.</summary>
public sealed record AddressInput(string FirstName, string LastName, string Line1, string City, string PostalCode, string Country,
    string? Line2 = null, string? Region = null, string? Phone = null)
{
    public CustomerAddress ToAddress() => new(FirstName, LastName, Line1, Line2, City, Region, PostalCode, Country, Phone);
}

/// <summary><c>POST /admin/customers/{id}/addresses</c>: adds a (validated) address to a customer's book; an identical one is not repeated.</summary>
internal static class AddressBook
{
    public static void Map(IEndpointRouteBuilder customers) =>
        customers.MapPost("/{id:guid}/addresses", Add).RequirePermission(Permissions.CustomersWrite)
            .WithName("AddCustomerAddress").WithSummary("Add an address (country: ISO 3166-1 alpha-2) to a customer's address book")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    internal static Task<Results<Created<CustomerAddressResponse>, Ok<CustomerAddressResponse>, ProblemHttpResult>> Add(
        Guid id, AddressInput body, RunnerDbContext db, TimeProvider clock, CancellationToken ct) =>
        AddAsync(new CustomerId(id), body, $"/admin/customers/{id}", db, clock, ct);

    /// <summary>Adds the address to the customer's book: 201, or 200 with the same address when the book has it already.</summary>
    internal static async Task<Results<Created<CustomerAddressResponse>, Ok<CustomerAddressResponse>, ProblemHttpResult>> AddAsync(
        CustomerId customerId, AddressInput body, string location, RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var address = AddressRules.Normalize(body.ToAddress(), "");
        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct)) return Problems.Of(AddressRules.NotFound());
        var known = await db.Set<CustomerAddressRow>().AsNoTracking().Where(a => a.CustomerId == customerId).ToListAsync(ct);
        if (known.FirstOrDefault(a => a.Matches(address)) is { } same) return TypedResults.Ok(ToResponse(same));
        var row = Row(customerId, address, Instants.Now(clock));
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(location, ToResponse(row));
    }

    internal static CustomerAddressRow Row(CustomerId customer, CustomerAddress a, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), CustomerId = customer, FirstName = a.FirstName, LastName = a.LastName, Line1 = a.Line1,
        Line2 = a.Line2, City = a.City, Region = a.Region, PostalCode = a.PostalCode, Country = a.Country, Phone = a.Phone,
        CreatedAt = now,
    };

    internal static CustomerAddressResponse ToResponse(CustomerAddressRow a) => new(a.Id, a.FirstName, a.LastName, a.Line1, a.Line2,
        a.City, a.Region, a.PostalCode, a.Country, a.Phone, a.CreatedAt);
}
