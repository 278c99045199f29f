using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Ids;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Payments;

/// <summary>
/// Authorizes a payment. It works in a scope (and database context) of its own, so it never joins a caller's
/// transaction: first a short commit takes the idempotency key and the single-use token; then the gateway is called
/// with no transaction open; then the payment and its transaction are recorded in their own commit. A second caller
/// with the same key (in this process or another) finds the key taken and waits for the first caller's payment.
/// </summary>
internal sealed class AuthorizePayment(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuthorizePayment> logger)
{
    private static readonly TimeSpan WaitForOther = TimeSpan.FromSeconds(30);

    public async Task<AuthorizeResult> RunAsync(AuthorizeRequest r, CancellationToken ct)
    {
        Validate(r);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RunnerDbContext>();
        var settings = await services.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var hash = RequestHash(r);
        if (r.IdempotencyKey is { } known && await FindKeyAsync(db, known, ct) is { } existing)
            return await AwaitPaymentAsync(db, existing, hash, ct);

        var id = TypedId.New<PaymentId>();
        var now = Instants.Now(clock);
        if (r.Method == PaymentMethod.Manual)
        {
            if (!settings.EnabledGateways.Contains(PaymentSettings.Manual)) throw new DomainException(PaymentErrors.MethodUnavailable("manual"));
            var taken = await TakeKeyAsync(db, r, id, hash, now, null, ct);
            if (taken is not null) return await AwaitPaymentAsync(db, taken, hash, ct);
            var pending = NewPayment(id, PaymentSettings.Manual, r, now);
            pending.State = PaymentState.Pending;
            db.Add(pending);
            await db.SaveChangesAsync(ct);
            return Outcome(pending);
        }

        var gateway = services.GetServices<IPaymentGateway>().FirstOrDefault(g => settings.EnabledGateways.Contains(g.Name))
            ?? throw new DomainException(PaymentErrors.MethodUnavailable("card"));
        PaymentToken? token = null;
        var other = await TakeKeyAsync(db, r, id, hash, now, t => token = t, ct);
        if (other is not null) return await AwaitPaymentAsync(db, other, hash, ct);

        var capture = settings.CaptureMode == CaptureMode.Automatic;
        var card = new GatewayCard(token!.Token, token.Brand, token.Last4, token.ExpMonth, token.ExpYear, token.Fingerprint, token.SandboxOutcome);
        GatewayResult result;
        try
        {
            result = await gateway.AuthorizeAsync(new GatewayAuthorization(id, r.Amount, card, capture, r.IdempotencyKey ?? id.ToString()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Gateway {Gateway} failed to authorize payment {PaymentId}.", gateway.Name, id);
            result = new GatewayResult(GatewayStatus.Failed, null, Money.Zero(r.Amount.Currency), "payment.gateway_error", "The payment gateway could not be reached.");
        }

        var done = Instants.Now(clock);
        var payment = NewPayment(id, gateway.Name, r, done);
        payment.Brand = token.Brand;
        payment.Last4 = token.Last4;
        payment.Fingerprint = token.Fingerprint;
        payment.GatewayReference = result.Reference;
        payment.State = result.Status switch
        {
            GatewayStatus.Succeeded => capture ? PaymentState.Captured : PaymentState.Authorized,
            GatewayStatus.RequiresAction => PaymentState.RequiresAction,
            GatewayStatus.Declined => PaymentState.Declined,
            _ => PaymentState.Failed,
        };
        if (result.Succeeded) Settle(payment, capture, settings, done);
        db.Add(payment);
        if (result.Status != GatewayStatus.RequiresAction)
        {
            var kind = capture ? PaymentTransaction.Sale : PaymentTransaction.Authorization;
            PaymentLedger.Record(db, services.GetRequiredService<IOutbox>(), id, null, kind, result, r.Amount, done); // joins payment.Transactions by fix-up
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return Outcome(payment);
    }

    /// <summary>Marks an authorized (or sold) payment's amounts and, when only authorized, when the authorization lapses.</summary>
    internal static void Settle(Payment payment, bool captured, PaymentSettings settings, DateTimeOffset now)
    {
        payment.Authorized = payment.Amount;
        payment.Captured = captured ? payment.Amount : 0;
        payment.AuthorizationExpiresAt = captured ? null : now.AddDays(settings.AuthorizationValidityDays);
    }

    /// <summary>
    /// In one transaction: inserts the idempotency key (when there is one) and uses up the card token (when
    /// <paramref name="useToken"/> is given). Returns the key row another caller holds, or null when this caller
    /// may go on. An unknown, expired or used token rolls everything back and refuses.
    /// </summary>
    private async Task<PaymentIdempotency?> TakeKeyAsync(RunnerDbContext db, AuthorizeRequest r, PaymentId id, string hash,
        DateTimeOffset now, Action<PaymentToken>? useToken, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (r.IdempotencyKey is { } key)
        {
            db.Add(new PaymentIdempotency { Key = key, PaymentId = id, RequestHash = hash, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await FindKeyAsync(db, key, ct) ?? throw new DomainException(PaymentErrors.InProgress());
            }
        }
        if (useToken is not null)
        {
            var used = await db.Set<PaymentToken>()
                .Where(t => t.Token == r.Token && t.UsedAt == null && t.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
            if (used == 0)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                throw new DomainException(PaymentErrors.TokenInvalid());
            }
            useToken(await db.Set<PaymentToken>().AsNoTracking().SingleAsync(t => t.Token == r.Token, ct));
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return null;
    }

    private static Task<PaymentIdempotency?> FindKeyAsync(RunnerDbContext db, string key, CancellationToken ct) =>
        db.Set<PaymentIdempotency>().AsNoTracking().SingleOrDefaultAsync(k => k.Key == key, ct);

    /// <summary>The payment another caller made (or is making) with this key; the same request or a refusal.</summary>
    private async Task<AuthorizeResult> AwaitPaymentAsync(RunnerDbContext db, PaymentIdempotency key, string hash, CancellationToken ct)
    {
        if (key.RequestHash != hash) throw new DomainException(PaymentErrors.IdempotencyKeyReused());
        var deadline = clock.GetUtcNow() + WaitForOther;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var payment = await db.Set<Payment>().AsNoTracking().Include(p => p.Transactions).SingleOrDefaultAsync(p => p.Id == key.PaymentId, ct);
            if (payment is not null) return Outcome(payment);
            if (clock.GetUtcNow() > deadline) throw new DomainException(PaymentErrors.InProgress());
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    private static AuthorizeResult Outcome(Payment payment)
    {
        if (payment.State is not (PaymentState.Declined or PaymentState.Failed)) return new AuthorizeResult(payment.ToView(), null);
        var failed = payment.Transactions.OrderByDescending(t => t.At).FirstOrDefault();
        return new AuthorizeResult(null, new PaymentDecline(failed?.Code ?? "payment.card_declined", failed?.Message ?? "The card was declined."));
    }

    private static Payment NewPayment(PaymentId id, string gateway, AuthorizeRequest r, DateTimeOffset now) => new()
    {
        Id = id,
        Gateway = gateway,
        Method = r.Method,
        Currency = r.Amount.Currency,
        Amount = r.Amount.Minor,
        Reference = r.Reference,
        IdempotencyKey = r.IdempotencyKey,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static void Validate(AuthorizeRequest r)
    {
        var v = new Validator();
        if (!Currency.IsKnown(r.Amount.Currency)) v.Add("amount.currency", "money.unknown_currency", "The currency is not an ISO 4217 code.");
        if (r.Amount.Minor <= 0 || r.Amount.Minor > Money.MaxAmount) v.Add("amount.amount", "validation.out_of_range", "The amount must be positive.");
        v.Required("reference", r.Reference, 200);
        v.MaxLength("idempotencyKey", r.IdempotencyKey, 200);
        if (r.Method == PaymentMethod.Card) v.Required("token", r.Token, 100);
        v.ThrowIfInvalid();
    }

    private static string RequestHash(AuthorizeRequest r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{r.Amount.Minor}|{r.Amount.Currency}|{r.Method}|{r.Token}|{r.Reference}")));
}
