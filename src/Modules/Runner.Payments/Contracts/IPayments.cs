using Runner.Kernel.Results;

namespace Runner.Payments.Contracts;

/// <summary>Payments for other modules (checkout, orders). Every money move is an atomic conditional update.</summary>
public interface IPayments
{
    /// <summary>
    /// Calls the gateway OUTSIDE any database transaction, then records the payment and its transaction in its own
    /// commit. Captures at once when the store's capture mode is automatic. A 3-D Secure card gives
    /// State = RequiresAction. Manual method gives State = Pending. The same IdempotencyKey returns the same payment.
    /// </summary>
    Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken ct = default);

    /// <summary>
    /// <see cref="AuthorizeAsync"/> in three steps, for a caller that takes the payment's key in a transaction of its own
    /// (checkout: in the commit that reserves the stock, one commit fewer). This first step checks the request and reads
    /// what taking the key needs (the store's settings, the token, the card's fingerprint) and writes nothing. Null when
    /// the request must go through <see cref="AuthorizeAsync"/> instead: not a card payment, or its idempotency key is
    /// taken already (a retry).
    /// </summary>
    Task<AuthorizationStart?> StartAuthorizationAsync(AuthorizeRequest request, CancellationToken ct = default);

    /// <summary>
    /// The second step, in the caller's open transaction: counts and scores the attempt (when the request has a fraud
    /// screen), takes the idempotency key and uses up the single-use token. Returns the assessment. When it refuses,
    /// nothing is taken: the caller rolls its transaction back and then calls <see cref="RecordRefusedAttemptAsync"/>,
    /// so the refused attempt still counts. An unknown, expired or used token (<c>payment.token_invalid</c>) or a key
    /// taken meanwhile (<c>payment.in_progress</c>) throws a <c>DomainException</c>; the caller rolls back.
    /// </summary>
    Task<FraudAssessment?> TakeAuthorizationKeyAsync(AuthorizationStart start, CancellationToken ct = default);

    /// <summary>Counts a refused attempt in a commit of its own (after the caller rolled back the one it was refused in).</summary>
    Task RecordRefusedAttemptAsync(AuthorizationStart start, CancellationToken ct = default);

    /// <summary>
    /// The third step, after the caller's commit: the gateway is called with no transaction open and the payment
    /// recorded (or left for the order's transaction, with <see cref="AuthorizeRequest.DeferRecord"/>), as
    /// <see cref="AuthorizeAsync"/> does once its key is taken.
    /// </summary>
    Task<AuthorizeResult> FinishAuthorizationAsync(AuthorizationStart start, FraudAssessment? assessment, CancellationToken ct = default);

    Task<PaymentView?> GetAsync(PaymentId id, CancellationToken ct = default);

    /// <summary>
    /// Joins the caller's open transaction (order placement): marks the payment as belonging to the order, so the
    /// sweeper does not void it. Fails when already claimed by another order or not in a claimable state
    /// (authorized, captured or pending). Claiming again for the same order succeeds. Returns the payment on success
    /// (the kernel has no value-less Result; callers use IsSuccess / Error as they would on one).
    /// </summary>
    Task<Result<PaymentView>> ClaimAsync(PaymentId id, string orderReference, CancellationToken ct = default);

    /// <summary>
    /// Claims the payment as <paramref name="seen"/> shows it (read before the caller's transaction, e.g. the answer of
    /// <see cref="AuthorizeAsync"/>): when its state and amounts are still those, one conditional update claims it and
    /// <paramref name="seen"/> is the answer, with no read while the write lock is held; otherwise as
    /// <see cref="ClaimAsync(PaymentId, string, CancellationToken)"/>. An authorization not recorded yet
    /// (<see cref="AuthorizeRequest.DeferRecord"/>) is recorded here, claimed, in the caller's transaction (saved with
    /// the caller's save).
    /// </summary>
    Task<Result<PaymentView>> ClaimAsync(PaymentView seen, string orderReference, CancellationToken ct = default);

    /// <summary>
    /// Records, in a commit of its own, an authorization answered with <see cref="AuthorizeRequest.DeferRecord"/> and not
    /// claimed by an order (before voiding it); returns the payment as recorded (an order's, if one claimed it
    /// meanwhile). A recorded payment is returned as it is.
    /// </summary>
    Task<PaymentView> RecordAsync(PaymentView authorized, CancellationToken ct = default);

    /// <summary>Captures <paramref name="amount"/> (null = all that remains authorized); never above authorized.</summary>
    Task<Result<PaymentView>> CaptureAsync(PaymentId id, Kernel.Money? amount, CancellationToken ct = default);

    /// <summary>Voids an authorization with nothing captured (or a pending manual payment).</summary>
    Task<Result<PaymentView>> VoidAsync(PaymentId id, CancellationToken ct = default);

    /// <summary>Refunds part or all of what was captured; never above captured − refunded.</summary>
    Task<Result<PaymentView>> RefundAsync(PaymentId id, Kernel.Money amount, string? reason, CancellationToken ct = default);

    /// <summary>Records a manual (pending) payment as paid in full.</summary>
    Task<Result<PaymentView>> MarkPaidAsync(PaymentId id, CancellationToken ct = default);
}
