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
using Runner.Payments.Fraud;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Payments;

/// <summary>
/// Authorizes a payment. It works in a scope (and database context) of its own, so it never joins a caller's
/// transaction: first a short commit takes the idempotency key (an authorization under way, with what it takes to
/// record it) and the single-use token, after the fraud screen's count and score when the request asks for them; then the gateway is called with no transaction open, under the key
/// <c>{paymentId}:authorize</c>; then the payment and its transaction are recorded in one commit that completes the
/// key. A second caller with the same key (in this process or another) finds the key taken and waits for the first
/// caller's payment. When this process dies (or the gateway cannot say what it did) between the call and the commit,
/// the key stays pending and the reconciler settles it from the gateway's records.
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
        var outbox = services.GetRequiredService<IOutbox>();
        var settings = await services.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var hash = RequestHash(r);
        if (r.IdempotencyKey is { } known && await FindKeyAsync(db, known, ct) is { } existing)
        {
            // A retry of a request that took the key: the screen still counts this attempt, in a commit of its own.
            var screened = r.Screen is { } alone ? await services.GetRequiredService<IFraudScreen>().AssessAsync(alone, ct) : null;
            if (screened?.Refused == true) return new AuthorizeResult(null, null, screened);
            return await AwaitPaymentAsync(db, existing, hash, ct) with { Assessment = screened };
        }

        var (key, gateway) = NewKey(r, settings, services, hash);
        var (other, token, assessment) = await TakeKeyAsync(db, key, r.Screen, settings, key.CreatedAt, ct);
        if (assessment?.Refused == true) return new AuthorizeResult(null, null, assessment);
        if (other is not null) return await AwaitPaymentAsync(db, other, hash, ct) with { Assessment = assessment };
        if (gateway is null)
            return Outcome((await AuthorizationRecord.RecordAsync(db, outbox, key, null, null, settings, key.CreatedAt)).Payment) with { Assessment = assessment };
        return await CallGatewayAsync(db, outbox, r, key, gateway, token!, settings, ct) with { Assessment = assessment };
    }

    /// <summary>
    /// The checks and reads of a card authorization whose key the caller takes in its own transaction
    /// (<see cref="TakeWithinAsync"/>); null when the request must go through <see cref="RunAsync"/> instead (not a card
    /// payment, or its idempotency key is taken already).
    /// </summary>
    public async Task<AuthorizationStart?> StartAsync(AuthorizeRequest r, CancellationToken ct)
    {
        Validate(r);
        if (r.Method != PaymentMethod.Card) return null;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RunnerDbContext>();
        if (r.IdempotencyKey is { } known && await FindKeyAsync(db, known, ct) is not null) return null;
        var settings = await services.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var (key, _) = NewKey(r, settings, services, RequestHash(r));
        var (token, fingerprint) = await CardAsync(db, key, r.Screen, ct);
        return new AuthorizationStart(r, key, settings, token, fingerprint, key.CreatedAt);
    }

    /// <summary>
    /// In the caller's open transaction on <paramref name="db"/>: scores the attempt when the request asks for it, takes
    /// the key and uses up the token, as <see cref="TakeKeyAsync"/> does in a commit of its own. A refusal takes nothing
    /// and is returned: the caller rolls its transaction back (the attempt's count with it) and counts the attempt with
    /// <see cref="RecordRefusalAsync"/>. An unknown, expired or used token, or a key another caller took meanwhile,
    /// throws, for the caller's transaction to roll back.
    /// </summary>
    public static async Task<FraudAssessment?> TakeWithinAsync(RunnerDbContext db, AuthorizationStart start, CancellationToken ct)
    {
        var screen = start.Request.Screen;
        var assessment = screen is null ? null : await FraudScreen.ScoreAsync(db, screen, start.Settings, start.Fingerprint, start.Now, ct);
        if (assessment?.Refused == true) return assessment;
        db.Add(start.Key);
        try
        {
            await AddedRows.SaveAsync(db, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new DomainException(PaymentErrors.InProgress());
        }
        if (start.Token is null || await UseTokenAsync(db, start.Key.Token!, start.Now, ct) == 0)
            throw new DomainException(PaymentErrors.TokenInvalid());
        return assessment;
    }

    /// <summary>Counts a refused attempt in a commit of its own, once the caller rolled back the one it was refused in.</summary>
    public async Task RecordRefusalAsync(AuthorizationStart start, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (start.Request.Screen is { } screen) await scope.ServiceProvider.GetRequiredService<IFraudScreen>().AssessAsync(screen, ct);
    }

    /// <summary>After the commit that took the key: the gateway's call and its record, as <see cref="RunAsync"/> goes on.</summary>
    public async Task<AuthorizeResult> FinishAsync(AuthorizationStart start, FraudAssessment? assessment, CancellationToken ct)
    {
        // The gateway comes from this scope: one resolved in the scope that started the authorization would use services
        // (its settings' database context) disposed with it.
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var gateway = services.GetServices<IPaymentGateway>().FirstOrDefault(g => g.Name == start.Key.Gateway)
            ?? throw new DomainException(PaymentErrors.MethodUnavailable("card"));
        return await CallGatewayAsync(services.GetRequiredService<RunnerDbContext>(), services.GetRequiredService<IOutbox>(), start.Request,
            start.Key, gateway, start.Token!, start.Settings, ct) with { Assessment = assessment };
    }

    /// <summary>The key of a new payment and the gateway that takes it (none for a manual payment).</summary>
    private (PaymentIdempotency Key, IPaymentGateway? Gateway) NewKey(AuthorizeRequest r, PaymentSettings settings, IServiceProvider services,
        string hash)
    {
        var id = TypedId.New<PaymentId>();
        var now = Instants.Now(clock);
        IPaymentGateway? gateway = null;
        if (r.Method == PaymentMethod.Manual)
        {
            if (!settings.EnabledGateways.Contains(PaymentSettings.Manual)) throw new DomainException(PaymentErrors.MethodUnavailable("manual"));
        }
        else
        {
            gateway = services.GetServices<IPaymentGateway>().FirstOrDefault(g => settings.EnabledGateways.Contains(g.Name))
                ?? throw new DomainException(PaymentErrors.MethodUnavailable("card"));
        }
        var key = new PaymentIdempotency
        {
            Key = r.IdempotencyKey ?? $"payment:{id}", PaymentId = id, RequestHash = hash, RequestKey = r.IdempotencyKey, Method = r.Method,
            Gateway = gateway?.Name ?? PaymentSettings.Manual, Capture = gateway is not null && settings.CaptureMode == CaptureMode.Automatic,
            Amount = r.Amount.Minor, Currency = r.Amount.Currency, Reference = r.Reference, Token = gateway is null ? null : r.Token, CreatedAt = now,
        };
        return (key, gateway);
    }

    /// <summary>
    /// The gateway's call under the taken key, with no transaction open, and its record (left to the order's transaction
    /// when the request defers it and the card was authorized).
    /// </summary>
    private async Task<AuthorizeResult> CallGatewayAsync(RunnerDbContext db, IOutbox outbox, AuthorizeRequest r, PaymentIdempotency key,
        IPaymentGateway gateway, PaymentToken token, PaymentSettings settings, CancellationToken ct)
    {
        var id = key.PaymentId;
        var card = new GatewayCard(token.Token, token.Brand, token.Last4, token.ExpMonth, token.ExpYear, token.Fingerprint, token.SandboxOutcome);
        var request = new GatewayAuthorization(id, r.Amount, card, key.Capture, PaymentIdempotency.GatewayKey(id));
        GatewayResult? result;
        await DeferredDurability.BarrierAsync(); // the key is on disk before the gateway hears of it (the reconciler's trace)
        try
        {
            result = await gateway.AuthorizeAsync(request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Gateway {Gateway} failed to authorize payment {PaymentId}.", gateway.Name, id);
            result = await GatewayRecovery.LookupAsync(gateway, request.IdempotencyKey, GatewayRecovery.NotReceived(r.Amount.Currency), logger);
        }
        if (result is null) throw new DomainException(PaymentErrors.GatewayUnreachable());
        if (r.DeferRecord && result.Status == GatewayStatus.Succeeded)
            return new AuthorizeResult(AuthorizationRecord.Preview(new UnrecordedAuthorization(key, token, result, settings, Instants.Now(clock))),
                null);
        return Outcome((await AuthorizationRecord.RecordAsync(db, outbox, key, token, result, settings, Instants.Now(clock))).Payment);
    }

    /// <summary>Records an authorization left unrecorded (<see cref="AuthorizeRequest.DeferRecord"/>), in a scope and commit of its own.</summary>
    public async Task<PaymentView> RecordAsync(UnrecordedAuthorization authorization)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var (payment, _) = await AuthorizationRecord.RecordAsync(db, outbox, authorization.Key, authorization.Token, authorization.Result,
            authorization.Settings, authorization.At);
        return payment.ToView();
    }

    /// <summary>
    /// In one transaction: scores the attempt when <paramref name="screen"/> asks for it (a refusal commits the attempt
    /// alone and returns the assessment), inserts the key and uses up the card token (card payments; the token is read
    /// before the transaction). Returns the key row another caller holds, or the token when this caller may go on. An
    /// unknown, expired or used token rolls everything back (the attempt's count with it) and refuses.
    /// </summary>
    private async Task<(PaymentIdempotency? Other, PaymentToken? Token, FraudAssessment? Assessment)> TakeKeyAsync(RunnerDbContext db,
        PaymentIdempotency key, FraudRequest? screen, PaymentSettings settings, DateTimeOffset now, CancellationToken ct)
    {
        var (token, fingerprint) = await CardAsync(db, key, screen, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = screen is null ? null : await FraudScreen.ScoreAsync(db, screen, settings, fingerprint, now, ct);
        if (assessment?.Refused == true)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return (null, null, assessment);
        }
        db.Add(key);
        try
        {
            await AddedRows.SaveAsync(db, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (await FindKeyAsync(db, key.Key, ct) ?? throw new DomainException(PaymentErrors.InProgress()), null, assessment);
        }
        if (key.Token is { } t)
        {
            var used = token is null ? 0 : await UseTokenAsync(db, t, now, ct);
            if (used == 0)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                throw new DomainException(PaymentErrors.TokenInvalid());
            }
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (null, token, assessment);
    }

    /// <summary>
    /// The key's token (null for a manual payment or an unknown token) and the card's fingerprint for the fraud screen,
    /// read before the key's transaction: a token's fields never change but its use, which the conditional update of
    /// <see cref="UseTokenAsync"/> decides, so the write lock is not held for the reads.
    /// </summary>
    private static async Task<(PaymentToken? Token, string? Fingerprint)> CardAsync(RunnerDbContext db, PaymentIdempotency key,
        FraudRequest? screen, CancellationToken ct)
    {
        var token = key.Token is { } wanted ? await TokenQuery.For(db)(db, wanted, ct) : null;
        var fingerprint = screen is null ? null
            : screen.CardToken == key.Token ? token?.Fingerprint : await FraudScreen.FingerprintAsync(db, screen.CardToken, ct);
        return (token, fingerprint);
    }

    /// <summary>Uses up the token, if it is unused and unexpired: 1, else 0.</summary>
    private static Task<int> UseTokenAsync(RunnerDbContext db, string token, DateTimeOffset now, CancellationToken ct) =>
        // A plain statement: EF Core's ExecuteUpdate costs several times its SQL's CPU in building and caching.
        db.Database.ExecuteSqlRawAsync("UPDATE payments_tokens SET used_at = {0} WHERE token = {1} AND used_at IS NULL AND expires_at > {0}",
            [Sql.Time(db.Provider(), now), token], ct);

    // Both read by every authorization: compiled.
    private static readonly CompiledQuery<Func<RunnerDbContext, string, CancellationToken, Task<PaymentIdempotency?>>> KeyQuery = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, string key, CancellationToken ct) =>
            db.Set<PaymentIdempotency>().AsNoTracking().SingleOrDefault(k => k.Key == key)));

    private static readonly CompiledQuery<Func<RunnerDbContext, string, CancellationToken, Task<PaymentToken?>>> TokenQuery = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, string token, CancellationToken ct) =>
            db.Set<PaymentToken>().AsNoTracking().SingleOrDefault(x => x.Token == token)));

    private static Task<PaymentIdempotency?> FindKeyAsync(RunnerDbContext db, string key, CancellationToken ct) => KeyQuery.For(db)(db, key, ct);

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
            // Released by the reconciler (the gateway never authorized it): the caller's retry starts over.
            if (clock.GetUtcNow() > deadline || await FindKeyAsync(db, key.Key, ct) is not { } still || still.PaymentId != key.PaymentId)
                throw new DomainException(PaymentErrors.InProgress());
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
