using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Actors;
using Runner.Catalog.Contracts;
using Runner.Checkout.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>
/// What a change did to the cart, for the checks after pricing: adding a line or raising its quantity is refused (and
/// nothing saved) when its variant cannot be sold in that quantity; lowering or removing a flagged line is allowed.
/// </summary>
internal sealed record CartChange(VariantId? Variant = null, bool Added = false, bool Raised = false);

/// <summary>
/// Loads a storefront's cart and saves a change to it: the change, re-pricing every line, the snapshot and the last
/// activity time, in one save guarded by the cart's version. Two changes racing on one cart are applied one after the
/// other (the loser reloads and tries again), never lost. A cart a checkout holds does not change (409).
/// </summary>
internal sealed class CartStore(RunnerDbContext db, CartPricing pricing, TimeProvider clock, IHttpContextAccessor http)
{
    private const int Attempts = 5;

    // Every call of a cart reads it: compiled once, so a read skips building the query's expression, pulling its
    // values out and looking it up in EF Core's cache.
    // A customer's cart is found only for that customer (signed in): to anyone else, the id of a guest, another
    // customer, it is unknown.
    private static readonly Func<RunnerDbContext, CartId, ChannelId, Guid?, CancellationToken, Task<Cart?>> Tracked =
        EF.CompileAsyncQuery((RunnerDbContext db, CartId id, ChannelId channel, Guid? owner, CancellationToken ct) => db.Set<Cart>()
            .Include(c => c.Lines).AsSingleQuery()
            .FirstOrDefault(c => c.Id == id && c.ChannelId == channel && (c.CustomerId == null || c.CustomerId == owner)));

    private static readonly Func<RunnerDbContext, CartId, ChannelId, Guid?, CancellationToken, Task<Cart?>> Untracked =
        EF.CompileAsyncQuery((RunnerDbContext db, CartId id, ChannelId channel, Guid? owner, CancellationToken ct) => db.Set<Cart>().AsNoTracking()
            .Include(c => c.Lines).AsSingleQuery()
            .FirstOrDefault(c => c.Id == id && c.ChannelId == channel && (c.CustomerId == null || c.CustomerId == owner)));

    /// <summary>The signed-in customer of this request, or null for a guest.</summary>
    public Guid? Caller => ActorClaims.CustomerOf(http.HttpContext?.User);

    public Task<Cart?> FindAsync(CartId id, ChannelId channel, bool track, CancellationToken ct) =>
        (track ? Tracked : Untracked)(db, id, channel, Caller, ct);

    public async Task<Result<CartResponse>> ChangeAsync(CartId id, ChannelId channel, Func<Cart, Result<CartChange>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cart = await FindAsync(id, channel, track: true, ct);
            if (cart is null) return CheckoutErrors.CartNotFound();
            if (cart.Status == CartStatus.Completed) return CheckoutErrors.Completed(cart.OrderId);
            // A checkout holds the cart: the order is placed from the cart as it priced it. (Taking the cart raises its
            // version, so a change read before the take fails its save, reloads and lands here.)
            if (cart.CheckoutLockedUntil is { } held && held > Instants.Now(clock))
            {
                db.ChangeTracker.Clear();
                return CheckoutErrors.BeingCheckedOut();
            }
            var changed = change(cart);
            if (!changed.IsSuccess) { db.ChangeTracker.Clear(); return changed.Error; }
            var priced = await pricing.PriceAsync(cart, ct);
            if (Refusal(priced, changed.Value) is { } refusal) { db.ChangeTracker.Clear(); return refusal; }
            CartPricing.Snapshot(priced);
            cart.LastActivityAt = Instants.Now(clock);
            // Always written, so the save checks the cart's version even when the clock has not moved. The save scans
            // the cart for its changes anyway; looking its entry up does not need a scan of its own.
            TrackerReads.WithoutDetecting(db, () => db.Entry(cart).Property(c => c.LastActivityAt).IsModified = true);
            try
            {
                // Plain statements: the cart's changed columns (checked against its version) and any new line.
                await AddedRows.SaveAsync(db, ct);
                return priced.ToResponse();
            }
            catch (DbUpdateException e) when (attempt < Attempts && (e is DbUpdateConcurrencyException || e.IsUniqueViolation()))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static Error? Refusal(PricedCart priced, CartChange change)
    {
        if (change.Variant is not { } variant || !(change.Added || change.Raised)) return null;
        var line = priced.Lines.First(l => l.Line.VariantId == variant);
        return line.Issue switch
        {
            null => null,
            { Reason: LineIssue.OutOfStock or LineIssue.InsufficientStock } i =>
                CheckoutErrors.InsufficientStock(change.Added ? null : line.Line.Id, line.Variant?.Sku ?? line.Line.Sku,
                    i.Available ?? 0, line.Line.Quantity),
            { } i => CheckoutErrors.VariantUnavailable(i.Reason, i.Message),
        };
    }
}
