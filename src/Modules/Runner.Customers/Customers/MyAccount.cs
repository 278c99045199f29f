using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Customers.Customers;

public sealed record MyAccountResponse(CustomerId Id, string Email, string? FirstName, string? LastName, bool EmailVerified,
    int OrdersCount, IReadOnlyList<CustomerAddressResponse> Addresses, DateTimeOffset CreatedAt);

public sealed record UpdateMyAccountRequest(string? FirstName = null, string? LastName = null);

/// <summary>
/// The signed-in customer's own record: <c>GET/PATCH /store/customers/me</c> and <c>GET /store/customers/me/orders</c>.
/// The customer is the one the access token names, never an id from the request, so no customer can reach another's.
/// Order history shows once the email is verified: an account registered with somebody else's email must not see
/// the orders that person placed with it as a guest.
/// </summary>
internal static class MyAccount
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/store/customers/me").WithTags("Customer accounts");
        me.MapGet("/", Get).RequireCustomer().WithName("GetMyAccount").WithSummary("The signed-in customer's profile and addresses");
        me.MapPatch("/", Update).RequireCustomer().WithName("UpdateMyAccount").WithSummary("Change the signed-in customer's name")
            .ProducesValidationProblem();
        me.MapPost("/addresses", AddAddress).RequireCustomer().WithName("AddMyAddress")
            .WithSummary("Add an address to the signed-in customer's book (an identical one is not repeated)").ProducesValidationProblem();
        me.MapDelete("/addresses/{addressId:guid}", DeleteAddress).RequireCustomer().WithName("DeleteMyAddress")
            .WithSummary("Remove an address from the signed-in customer's book").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/orders", Orders).RequireCustomer().WithName("ListMyOrders")
            .WithSummary("The signed-in customer's orders, newest first (once the email is verified)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    internal static async Task<Results<Ok<MyAccountResponse>, ProblemHttpResult>> Get(HttpContext http, RunnerDbContext db, CancellationToken ct)
    {
        var id = new CustomerId(ActorClaims.CustomerOf(http.User)!.Value);
        var c = await db.Set<Customer>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (c is null) return Problems.Of(AddressRules.NotFound());
        var addresses = await db.Set<CustomerAddressRow>().AsNoTracking().Where(a => a.CustomerId == id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new MyAccountResponse(c.Id, c.Email, c.FirstName, c.LastName, Verified(http), c.OrdersCount,
            [.. addresses.Select(AddressBook.ToResponse)], c.CreatedAt));
    }

    internal static async Task<Results<Ok<MyAccountResponse>, ProblemHttpResult>> Update(UpdateMyAccountRequest? body, HttpContext http,
        RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        v.MaxLength("firstName", body?.FirstName, 100);
        v.MaxLength("lastName", body?.LastName, 100);
        if (!v.IsValid) return Problems.Of(v.ToError());
        var id = new CustomerId(ActorClaims.CustomerOf(http.User)!.Value);
        var now = Instants.Now(clock);
        string? first = Blank(body?.FirstName), last = Blank(body?.LastName);
        await db.Set<Customer>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.FirstName, c => body!.FirstName == null ? c.FirstName : first)
            .SetProperty(c => c.LastName, c => body!.LastName == null ? c.LastName : last)
            .SetProperty(c => c.UpdatedAt, now), ct);
        return await Get(http, db, ct);
    }

    internal static async Task<Results<Ok<IReadOnlyList<CustomerOrderSummary>>, ProblemHttpResult>> Orders(HttpContext http, int? limit,
        ICustomerOrderHistory history, CancellationToken ct)
    {
        if (!Verified(http))
            return Problems.Of(new Error("customers.email_unverified",
                "Verify your email (the link we sent) and refresh your sign-in to see your orders.", ErrorKind.Forbidden));
        var id = new CustomerId(ActorClaims.CustomerOf(http.User)!.Value);
        return TypedResults.Ok(await history.ListAsync(id, Math.Clamp(limit ?? 50, 1, 100), ct));
    }

    internal static Task<Results<Created<CustomerAddressResponse>, Ok<CustomerAddressResponse>, ProblemHttpResult>> AddAddress(AddressInput body,
        HttpContext http, RunnerDbContext db, TimeProvider clock, CancellationToken ct) =>
        AddressBook.AddAsync(new CustomerId(ActorClaims.CustomerOf(http.User)!.Value), body, "/store/customers/me", db, clock, ct);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAddress(Guid addressId, HttpContext http, RunnerDbContext db,
        CancellationToken ct)
    {
        var id = new CustomerId(ActorClaims.CustomerOf(http.User)!.Value);
        // Another customer's address answers as an unknown one does.
        return await db.Set<CustomerAddressRow>().Where(a => a.Id == addressId && a.CustomerId == id).ExecuteDeleteAsync(ct) == 1
            ? TypedResults.NoContent()
            : Problems.Of(Error.NotFound("customers.address_not_found", "Your address book has no address with this id."));
    }

    private static bool Verified(HttpContext http) => http.User.HasClaim(ActorClaims.EmailVerified, "true");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
