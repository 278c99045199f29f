using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Customers.Contracts;
using Runner.Identity.Passwords;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Identity.Accounts;

public sealed record RegisterCustomerRequest(string? Email = null, string? Password = null, string? FirstName = null, string? LastName = null);

public sealed record AcceptedResponse(string Message);

public sealed record VerifyEmailRequest(string? Token = null);

public sealed record EmailVerifiedResponse(bool EmailVerified, string Message);

/// <summary>
/// <c>POST /store/customers</c>: a customer account for an email. The answer is 202 whether or not the email already
/// has an account, so the endpoint cannot be used to learn who shops here; the email tells its owner which (a
/// verification link, or "someone tried to register your email"). A new account can sign in at once; the customer
/// record checkout keeps for the email (guest orders included) becomes the account's. <c>POST
/// /store/customers/verify-email</c> takes the link's token.
/// </summary>
internal static class RegisterCustomer
{
    public const string Accepted = "Check your inbox: we sent an email to this address. If the address is new here, you can sign in now.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/store/customers", Register).RequireStorefront().WithTags("Customer accounts").WithName("RegisterCustomer")
            .WithSummary("Create a customer account (202 whether or not the email is taken)")
            .Produces<AcceptedResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapPost("/store/customers/verify-email", Verify).RequireStorefront().WithTags("Customer accounts").WithName("VerifyCustomerEmail")
            .WithSummary("Verify a customer's email with the token of the emailed link").ProducesValidationProblem();
    }

    internal static async Task<Results<Accepted<AcceptedResponse>, ProblemHttpResult>> Register(RegisterCustomerRequest? body,
        HttpContext http, RunnerDbContext db, ICustomers customers, IOutbox outbox, Attempts attempts, IOptions<IdentityLimits> limits,
        TimeProvider clock, CancellationToken ct)
    {
        body ??= new RegisterCustomerRequest();
        var v = new Validator();
        if (v.Required("email", body.Email, 254)) v.Email("email", body.Email);
        PasswordRules.Check(v, "password", body.Password, body.Email);
        v.MaxLength("firstName", body.FirstName, 100);
        v.MaxLength("lastName", body.LastName, 100);
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await attempts.CountAndCheckAsync(Attempts.RegisterIp, SignInEndpoints.IpOf(http), limits.Value.RegistrationsPerIp, ct) is { } tooMany)
            return SignInEndpoints.TooMany(http, tooMany);

        var email = body.Email!.Trim();
        var key = email.ToLowerInvariant();
        var existing = await db.Set<CustomerAccount>().AsNoTracking().Where(a => a.EmailKey == key).Select(a => (Guid?)a.CustomerId)
            .FirstOrDefaultAsync(ct);
        if (existing is { } known) return await RepeatedAsync(db, outbox, known, email, ct);

        // Hashed before the transaction: PBKDF2 takes tens of milliseconds, which the write lock should not wait for.
        var hash = new PasswordHasher<CustomerAccount>().HashPassword(null!, body.Password!);
        var now = Instants.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customerId = await customers.EnsureAsync(email, body.FirstName, body.LastName, null, ct: ct);
        db.Add(new CustomerAccount { CustomerId = customerId.Value, EmailKey = key, PasswordHash = hash, PasswordChangedAt = now, CreatedAt = now, UpdatedAt = now });
        outbox.Enqueue(AccountEvents.Registered, new CustomerRegisteredEvent(customerId.Value, email, key));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same email registered a moment ago by another request: as if it had been there all along.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await RepeatedAsync(db, outbox, customerId.Value, email, ct);
        }
        return TypedResults.Accepted((string?)null, new AcceptedResponse(Accepted));
    }

    private static async Task<Results<Accepted<AcceptedResponse>, ProblemHttpResult>> RepeatedAsync(RunnerDbContext db, IOutbox outbox,
        Guid customerId, string email, CancellationToken ct)
    {
        outbox.Enqueue(AccountEvents.RegistrationRepeated, new RegistrationRepeatedEvent(customerId, email));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null, new AcceptedResponse(Accepted));
    }

    internal static async Task<Results<Ok<EmailVerifiedResponse>, ProblemHttpResult>> Verify(VerifyEmailRequest? body, RunnerDbContext db,
        EmailVerification verification, TimeProvider clock, CancellationToken ct)
    {
        if (await verification.CheckAsync(body?.Token, ct) is not { } verified)
            return Problems.Of(Error.Invalid("token", "auth.invalid_verification_token",
                "This verification link is not valid or has expired: sign in and ask for a new one."));
        var now = Instants.Now(clock);
        var changed = await db.Set<CustomerAccount>()
            .Where(a => a.CustomerId == verified.CustomerId && a.EmailKey == verified.EmailKey && a.EmailVerifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailVerifiedAt, now).SetProperty(a => a.UpdatedAt, now), ct);
        if (changed == 0 && !await db.Set<CustomerAccount>().AnyAsync(a => a.CustomerId == verified.CustomerId && a.EmailKey == verified.EmailKey, ct))
            return Problems.Of(Error.Invalid("token", "auth.invalid_verification_token",
                "This verification link is for an email the account no longer has."));
        return TypedResults.Ok(new EmailVerifiedResponse(true,
            "Your email is verified. Refresh your sign-in (POST /store/auth/refresh) to see the orders placed with it."));
    }
}
