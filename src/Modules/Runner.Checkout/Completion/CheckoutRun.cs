using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Runner.Checkout.Carts;
using Runner.Checkout.Contracts;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Results;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;

namespace Runner.Checkout.Completion;

/// <summary>
/// One checkout of a cart, step by step: the cart is taken for this checkout (one at a time, once), priced and checked
/// now; its lines are reserved and committed, with a card payment's key and the fraud screen's count of the attempt in
/// the same commit, and the payment is authorized with no transaction open; then the order is placed, the payment
/// recorded as the order's and the cart closed in one transaction. Every refusal or failure after the reservation
/// gives the units back, and every one after the authorization records the payment and voids (or refunds) it.
/// </summary>
internal sealed class CheckoutRun(RunnerDbContext db, CartStore carts, CartPricing pricing, CheckoutSteps steps,
    ICustomers customers, IPayments payments, IOrders orders, IdempotencyStore idempotency, TimeProvider clock)
{
    /// <summary>How long a checkout holds its cart before another attempt may take over (a crashed process).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Closes an open cart as completed by its order, letting go of it.</summary>
    private static readonly string CloseSql = $$"""
        UPDATE checkout_carts SET status = '{{CartStatus.Completed}}', order_id = {0}, completed_at = {1}, last_activity_at = {1},
            checkout_locked_until = NULL, pending_checkout = NULL
        WHERE id = {2} AND status = '{{CartStatus.Open}}'
        """;

    /// <summary>
    /// Takes an open cart that no live checkout holds, for its own customer (or a guest's cart); the version goes up.
    /// A null customer matches no <c>customer_id = NULL</c>, so a guest takes only guest carts.
    /// </summary>
    private static readonly string TakeSql = $$"""
        UPDATE checkout_carts SET checkout_locked_until = {0}, version = version + 1
        WHERE id = {1} AND channel_id = {2} AND status = '{{CartStatus.Open}}'
            AND (checkout_locked_until IS NULL OR checkout_locked_until < {3}) AND (customer_id IS NULL OR customer_id = {4})
        """;

    private static readonly string TakeAtVersionSql = TakeSql + " AND version = {5}";

    /// <summary>How often a new checkout reads and prices the cart again when it changed before it could be taken.</summary>
    private const int Attempts = 3;

    /// <summary>Whether this run took the cart (and so lets go of it at the end, unless it closed it).</summary>
    private bool _taken;

    /// <summary>Whether this run closed the cart (which also let go of it): nothing left to release.</summary>
    private bool _closed;

    /// <summary>Whether the payment's key was taken in the reservation's commit, and the fraud screen's assessment there.</summary>
    private bool _keyTaken;
    private FraudAssessment? _screened;

    public async Task<IdempotentResponse> RunAsync(CartId id, ChannelId channel, CompleteCartRequest body, string key, string? ip, CancellationToken ct)
    {
        if (body.PaymentMethod is not (null or "card" or "manual")) return Problem(CompletionErrors.InvalidMethod());
        try
        {
            // A new checkout reads and prices the cart first and takes it in the commit that reserves its lines, if it is
            // still the cart it priced: one commit fewer, and a cart that cannot be checked out as it stands is never taken.
            for (var attempt = 1; body.PaymentId is null && attempt <= Attempts; attempt++)
            {
                var seen = await carts.FindAsync(id, channel, track: false, ct);
                if (Refusal(seen) is { } refused) return Problem(refused);
                if (seen!.PendingCheckout is not null) break; // its waiting payment is cancelled under the cart's hold
                if (await StartAsync(seen, body, key, ip, ct) is { } answer) return answer;
            }
            if (!await TakeAsync(id, channel))
                return Problem(Refusal(await carts.FindAsync(id, channel, track: false, ct)) ?? CompletionErrors.InProgress());
            _taken = true;
            var cart = await carts.FindAsync(id, channel, track: false, ct);
            if (cart is null) return Problem(CheckoutErrors.CartNotFound());
            return body.PaymentId is { } paymentId
                ? await ResumeAsync(cart, new PaymentId(paymentId), ct)
                : (await StartAsync(cart, body, key, ip, ct))!;
        }
        finally
        {
            if (_taken && !_closed)
                await db.Set<Cart>().Where(c => c.Id == id && c.CheckoutLockedUntil != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutLockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    /// <summary>Why the cart cannot be taken for a checkout now (none, completed, or held by another checkout), or null.</summary>
    private Error? Refusal(Cart? cart) =>
        cart is null ? CheckoutErrors.CartNotFound()
        : cart.Status == CartStatus.Completed ? CheckoutErrors.Completed(cart.OrderId)
        : cart.CheckoutLockedUntil is { } held && held >= Instants.Now(clock) ? CompletionErrors.InProgress()
        : null;

    /// <summary>
    /// A checkout with a new payment. Unless this run holds the cart already, the cart is taken in the reservation's
    /// commit, provided it is still the version priced here; null when it is not (read it again and start over).
    /// </summary>
    private async Task<IdempotentResponse?> StartAsync(Cart cart, CompleteCartRequest body, string key, string? ip, CancellationToken ct)
    {
        if (cart.PendingCheckout is { } earlier) await AbandonAsync(cart.Id, earlier);
        var priced = await pricing.PriceAsync(cart, ct);
        if (CheckoutSteps.Validate(priced) is { } invalid) return Problem(invalid);
        var paid = priced.Total.Minor > 0;
        var method = body.PaymentMethod == "manual" ? PaymentMethod.Manual : PaymentMethod.Card;
        if (paid && method == PaymentMethod.Card && string.IsNullOrWhiteSpace(body.PaymentToken))
            return Problem(CompletionErrors.PaymentTokenRequired());

        AuthorizeRequest? authorization = null;
        AuthorizationStart? start = null;
        if (paid)
        {
            var email = cart.Email!;
            var token = method == PaymentMethod.Card ? body.PaymentToken : null;
            // The fraud screen scores the attempt in the commit that takes the payment's key.
            var screen = new FraudRequest(email, ip, token, (cart.BillingAddress ?? cart.ShippingAddress)?.Country,
                cart.ShippingAddress?.Country, CheckoutSteps.InStoreCurrency(priced), !await customers.HasOrdersAsync(email, ct));
            authorization = new AuthorizeRequest(priced.Total, method, token, "cart:" + cart.Id, email, ip, $"checkout:{cart.Id}:{key}", screen,
                DeferRecord: true);
            try
            {
                // A card's key, with the fraud screen's count, is taken in the commit that takes the cart and reserves its
                // lines: one commit fewer per checkout.
                if (!_taken) start = await payments.StartAuthorizationAsync(authorization, ct);
            }
            catch (DomainException e)
            {
                return Problem(e.Error);
            }
        }
        var reserved = _taken ? await steps.ReserveAsync(priced, ct) : await TakeAndReserveAsync(cart, priced, start, ct);
        if (reserved is null) return null;
        if (!reserved.Value.IsSuccess) return Problem(reserved.Value.Error);
        var held = reserved.Value.Value;
        PaymentView? payment = null;
        try
        {
            FraudAssessment? assessment = null;
            if (authorization is not null)
            {
                AuthorizeResult result;
                try
                {
                    result = _keyTaken
                        ? await payments.FinishAuthorizationAsync(start!, _screened, ct)
                        : await payments.AuthorizeAsync(authorization, ct);
                }
                catch (DomainException e)
                {
                    await steps.ReleaseAsync(held);
                    return Problem(e.Error);
                }
                assessment = result.Assessment;
                if (result.Refused)
                {
                    await steps.ReleaseAsync(held);
                    return Problem(CompletionErrors.FraudRefused());
                }
                if (result.Decline is { } decline)
                {
                    await steps.ReleaseAsync(held);
                    return decline.ToResponse();
                }
                payment = result.Payment!;
                if (payment.State == PaymentState.RequiresAction)
                {
                    var pending = new PendingCheckout(payment.Id.Value, priced.Total, held, assessment);
                    await db.Set<Cart>().Where(c => c.Id == cart.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.PendingCheckout, pending), CancellationToken.None);
                    return new IdempotentResponse(StatusCodes.Status202Accepted,
                        new RequiresActionResponse("requires_action", payment.Id, payment.NextAction));
                }
            }
            return await PlaceAsync(priced, held, payment, method, assessment);
        }
        catch
        {
            await UndoAsync(held, payment);
            throw;
        }
    }

    /// <summary>The follow-up of a 3-D Secure checkout: the confirmed payment and the units held since the first call.</summary>
    private async Task<IdempotentResponse> ResumeAsync(Cart cart, PaymentId paymentId, CancellationToken ct)
    {
        if (cart.PendingCheckout is not { } pending || pending.PaymentId != paymentId.Value) return Problem(CompletionErrors.NoPendingPayment());
        var payment = await payments.GetAsync(paymentId, ct);
        if (payment is { State: PaymentState.RequiresAction })
            return new IdempotentResponse(StatusCodes.Status202Accepted, new RequiresActionResponse("requires_action", payment.Id, payment.NextAction));
        if (payment is not { State: PaymentState.Authorized or PaymentState.Captured or PaymentState.PartiallyCaptured })
        {
            await AbandonAsync(cart.Id, pending);
            var failed = payment?.Transactions.LastOrDefault(t => t.Status == "failed");
            return failed is not null
                ? new PaymentDecline(failed.Code ?? "payment.card_declined", failed.Message ?? "The card was declined.").ToResponse()
                : Problem(CompletionErrors.PaymentNotAuthorized(payment?.State ?? PaymentState.Failed));
        }
        var priced = await pricing.PriceAsync(cart, ct);
        var error = CheckoutSteps.Validate(priced);
        var sameLines = priced.Lines.Count == pending.Lines.Count
            && priced.Lines.All(l => pending.Lines.Any(h => h.LineId == l.Line.Id && h.Quantity == l.Line.Quantity));
        if (error is not null || !sameLines || priced.Total != pending.Amount)
        {
            await AbandonAsync(cart.Id, pending);
            return Problem(error ?? CompletionErrors.Changed());
        }
        try
        {
            return await PlaceAsync(priced, pending.Lines, payment, payment.Method, pending.Fraud);
        }
        catch
        {
            await UndoAsync(pending.Lines, payment);
            throw;
        }
    }

    /// <summary>
    /// Places the order, closes the cart and stores the 201 under the request's Idempotency-Key, in one transaction: a
    /// retry finds the answer exactly when the order exists. The cart closes once, whichever request gets there.
    /// </summary>
    private async Task<IdempotentResponse> PlaceAsync(PricedCart priced, IReadOnlyList<HeldLine> held, PaymentView? payment,
        PaymentMethod method, FraudAssessment? assessment)
    {
        var cart = priced.Cart;
        var request = await steps.OrderRequestAsync(priced, held, payment, method, assessment, CancellationToken.None);
        // Everything the order's transaction would read is read now, before it takes the write lock.
        var prepared = await orders.PrepareAsync(request, payment, CancellationToken.None);
        var response = await CheckoutTransaction.RunAsync(db, async ct =>
        {
            var order = await orders.PlaceAsync(prepared, ct);
            // A plain statement: the order's transaction holds SQLite's one write lock.
            var provider = db.Provider();
            var closed = await db.Database.ExecuteSqlRawAsync(CloseSql,
                [Sql.Id(provider, order.Id.Value), Sql.Time(provider, Instants.Now(clock)), Sql.Id(provider, cart.Id.Value)], ct);
            if (closed == 0) throw new DomainException(CheckoutErrors.Completed(null));
            var created = Respond(order, cart.Id, await orders.StatusTokenAsync(order.Id, ct));
            await idempotency.StoreWithinAsync(created, ct);
            return created;
        }, CancellationToken.None);
        _closed = true;
        return response;
    }

    /// <summary>201 with the order as its customer may see it.</summary>
    private static IdempotentResponse Respond(PlacedOrder placed, CartId cartId, string statusToken)
    {
        var view = placed.Order;
        return new IdempotentResponse(StatusCodes.Status201Created, new CheckoutOrderResponse(view.Id, view.Number, view.Name, view.Status,
            view.PaymentStatus, view.Email, view.Currency, view.Subtotal, view.ShippingTotal, view.TaxTotal, view.DiscountTotal, view.Total,
            view.PaymentId, cartId,
            [.. view.Lines.Select(l => new CheckoutOrderLine(l.Sku, l.ProductTitle, l.VariantTitle, l.Quantity, l.UnitPrice, l.Total,
                l.BackorderedQuantity))],
            view.CreatedAt, statusToken));
    }

    /// <summary>
    /// In one transaction: takes the cart if it is still open, free and at the version <paramref name="cart"/> was read
    /// at, and reserves the lines as priced; null (and nothing done) when the cart was not that cart any more. A refused
    /// reservation rolls the take back with it. With <paramref name="start"/>, the same commit takes the card payment's
    /// key, uses up its token and counts the fraud screen's attempt; a refusal of any of those rolls everything back.
    /// </summary>
    private async Task<Result<IReadOnlyList<HeldLine>>?> TakeAndReserveAsync(Cart cart, PricedCart priced, AuthorizationStart? start,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeAsync(cart.Id, cart.ChannelId, cart.Version))
        {
            await transaction.RollbackAsync(ct);
            return null;
        }
        var reserved = await steps.ReserveAsync(priced, ct);
        if (!reserved.IsSuccess)
        {
            await transaction.RollbackAsync(ct);
            return reserved;
        }
        if (start is not null)
        {
            FraudAssessment? assessment;
            try
            {
                assessment = await payments.TakeAuthorizationKeyAsync(start, ct);
            }
            catch (DomainException e)
            {
                // A token that cannot pay (or a key another request took): the take and the reservation go with it.
                await transaction.RollbackAsync(ct);
                return e.Error;
            }
            finally
            {
                db.ChangeTracker.Clear(); // the key and the attempt are saved (or rolled back with the rest): nothing stays tracked
            }
            if (assessment?.Refused == true)
            {
                // Nothing is taken or held; the refused attempt still counts towards the next, in a commit of its own.
                await transaction.RollbackAsync(ct);
                await payments.RecordRefusedAttemptAsync(start, CancellationToken.None);
                return CompletionErrors.FraudRefused();
            }
            (_keyTaken, _screened) = (true, assessment);
        }
        await transaction.CommitAsync(ct);
        _taken = true;
        return reserved;
    }

    /// <summary>
    /// Takes the cart for this checkout (only at <paramref name="version"/> when given); false when it is completed, at
    /// another version, or another checkout of it is running. The version goes up with it, so a change of the cart read
    /// before the take cannot be saved after it (it reloads and is refused).
    /// </summary>
    private async Task<bool> TakeAsync(CartId id, ChannelId channel, long? version = null)
    {
        var now = Instants.Now(clock);
        var provider = db.Provider();
        // A plain statement: EF Core's ExecuteUpdate costs several times its SQL's CPU in building and caching it.
        object[] values = [Sql.Time(provider, now + Lease), Sql.Id(provider, id.Value), Sql.Id(provider, channel.Value), Sql.Time(provider, now),
            carts.Caller is { } caller ? Sql.Id(provider, caller) : null!]; // EF Core sends a null value as NULL
        return await (version is { } seen
            ? db.Database.ExecuteSqlRawAsync(TakeAtVersionSql, [.. values, seen], CancellationToken.None)
            : db.Database.ExecuteSqlRawAsync(TakeSql, values, CancellationToken.None)) == 1;
    }

    /// <summary>Drops a waiting checkout: its payment cancelled, its units given back.</summary>
    private async Task AbandonAsync(CartId id, PendingCheckout pending)
    {
        await UndoAsync(pending.Lines, await payments.GetAsync(new PaymentId(pending.PaymentId), CancellationToken.None));
        await db.Set<Cart>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PendingCheckout, (PendingCheckout?)null), CancellationToken.None);
    }

    /// <summary>
    /// Gives the units back and voids the authorization (refunds what an automatic capture took), once it is recorded
    /// (the order's transaction would have recorded it; a payment an order claimed meanwhile is left alone).
    /// </summary>
    private async Task UndoAsync(IReadOnlyList<HeldLine> held, PaymentView? payment)
    {
        if (payment is not null) payment = await payments.RecordAsync(payment, CancellationToken.None);
        if (payment is { OrderReference: null })
        {
            if (payment.Captured.Minor > payment.Refunded.Minor)
                await payments.RefundAsync(payment.Id, payment.Captured - payment.Refunded, "checkout failed", CancellationToken.None);
            else if (payment.State is PaymentState.Authorized or PaymentState.RequiresAction or PaymentState.Pending)
                await payments.VoidAsync(payment.Id, CancellationToken.None);
        }
        await steps.ReleaseAsync(held);
    }

    private static IdempotentResponse Problem(Error error) => IdempotentResponse.Problem(error);
}
