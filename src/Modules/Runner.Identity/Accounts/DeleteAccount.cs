using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Identity.Sessions;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Identity.Accounts;

public sealed record DeleteAccountRequest(string? Password = null);

/// <summary>
/// <c>POST /store/customers/me/delete</c> <c>{ password }</c>: the account goes, with its sign-ins and codes, and the
/// customer record's personal data is erased (<see cref="ICustomers.EraseAsync"/>), in one transaction. The orders stay:
/// the store keeps them for its accounts, with the details they were placed with.
/// </summary>
internal static class DeleteAccount
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/store/customers/me/delete", Delete).RequireCustomer().WithTags("Customer accounts").WithName("DeleteMyAccount")
            .WithSummary("Delete the signed-in customer's account and erase their personal data (orders are kept)")
            .ProducesValidationProblem();

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(DeleteAccountRequest? body, HttpContext http, RunnerDbContext db,
        ICustomers customers, CancellationToken ct)
    {
        var id = ActorClaims.CustomerOf(http.User)!.Value;
        var account = await db.Set<CustomerAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == id, ct);
        if (account is null) return Problems.Of(Error.NotFound("customers.not_found", "This account no longer exists."));
        if (await PasswordConfirmation.CheckAsync(http, account, "password", body?.Password, ct) is { } refused) return refused;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Session>().Where(s => s.Kind == SessionKind.Customer && s.SubjectId == id).ExecuteDeleteAsync(ct);
        await db.Set<SignInCode>().Where(c => c.CustomerId == id).ExecuteDeleteAsync(ct);
        await db.Set<OpenIdConnect.ExternalLogin>().Where(l => l.CustomerId == id).ExecuteDeleteAsync(ct);
        await db.Set<Passkeys.Passkey>().Where(p => p.Kind == SessionKind.Customer && p.SubjectId == id).ExecuteDeleteAsync(ct);
        await db.Set<CustomerAccount>().Where(a => a.CustomerId == id).ExecuteDeleteAsync(ct);
        await customers.EraseAsync(new CustomerId(id), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
