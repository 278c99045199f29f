using Microsoft.AspNetCore.Http;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Results;

namespace Runner.Payments.Contracts;

/// <summary>
/// One entry of a payment's transaction log. Kind: authorization, capture, void, refund or sale (authorize and capture
/// at once); Status: succeeded or failed. Fee is what the gateway charged the merchant for it.
/// </summary>
public sealed record PaymentTransactionView(Guid Id, string Kind, string Status, Money Amount, Money Fee,
    string? GatewayReference, string? Code, string? Message, DateTimeOffset At);

/// <summary>
/// A payment as other modules and the admin API see it, with its transaction log (oldest first). The answer of an
/// authorization asked with <see cref="AuthorizeRequest.DeferRecord"/> is the payment as it will be recorded, by the
/// order that claims it (<see cref="IPayments.ClaimAsync(PaymentView, string, CancellationToken)"/>) or by
/// <see cref="IPayments.RecordAsync"/>.
/// </summary>
public sealed record PaymentView(PaymentId Id, string Gateway, PaymentMethod Method, PaymentState State, Money Amount,
    Money Authorized, Money Captured, Money Refunded, string? Brand, string? Last4, string Reference, string? OrderReference,
    PaymentNextAction? NextAction, DateTimeOffset? AuthorizationExpiresAt, IReadOnlyList<PaymentTransactionView> Transactions)
{
    /// <summary>What it takes to record a succeeded authorization that is not recorded yet; null once it is.</summary>
    internal Payments.UnrecordedAuthorization? Unrecorded { get; init; }

    /// <summary>What can still be refunded: captured, less refunded, less the refunds in flight at the gateway.</summary>
    public Money Refundable { get; init; } = Money.Zero(Amount.Currency);
}

/// <summary>What the customer must still do (Type <c>three_d_secure</c>): the storefront completes it at Url.</summary>
public sealed record PaymentNextAction(string Type, string Url);

/// <summary>
/// Asks for a payment. Reference names what is paid (<c>cart:{id}</c>); IdempotencyKey makes a retry return the same
/// payment with a single gateway call. Token is a payment token from <c>POST /store/payment-tokens</c> (card method).
/// With Screen, the fraud screen scores the attempt first, in the same commit that takes the payment's key (its
/// CardToken, when set, must be Token): above the refuse threshold nothing is authorized and the token stays unused.
/// With DeferRecord, a succeeded card authorization is not recorded in a commit of its own: the order's transaction
/// records it as it claims it (one commit less per checkout), or the caller records it (<see cref="IPayments.RecordAsync"/>)
/// before undoing it; if the process dies in between, the pending key leads the reconciler to it.
/// </summary>
public sealed record AuthorizeRequest(Money Amount, PaymentMethod Method, string? Token, string Reference,
    string Email, string? Ip, string? IdempotencyKey, FraudRequest? Screen = null, bool DeferRecord = false);

/// <summary>Why the gateway refused: a stable code (<c>payment.card_declined</c>, <c>payment.insufficient_funds</c>, …).</summary>
public sealed record PaymentDecline(string Code, string Message)
{
    /// <summary>The answer to a refused charge, wherever a customer or staff pays: 402 with the gateway's code and reason.</summary>
    public IdempotentResponse ToResponse()
    {
        var problem = Error.Unprocessable(Code, Message).ToProblemDetails();
        problem.Status = StatusCodes.Status402PaymentRequired;
        problem.Title = "Payment Required";
        return new IdempotentResponse(StatusCodes.Status402PaymentRequired, problem);
    }
}

/// <summary>
/// The outcome of an authorization: exactly one of Payment or Decline is set, unless the fraud screen of the request
/// refused it (<see cref="Refused"/>: neither is). Assessment is the screen's, when the request asked for one.
/// </summary>
public sealed record AuthorizeResult(PaymentView? Payment, PaymentDecline? Decline, FraudAssessment? Assessment = null)
{
    public bool Refused => Assessment?.Refused == true;
}

/// <summary>The outbox event types the payments module writes.</summary>
public static class PaymentEvents
{
    /// <summary>A gateway transaction that carried a fee: <see cref="PaymentFeeEvent"/>.</summary>
    public const string Fee = "payment.fee";

    /// <summary>Money captured (a capture, or a manual payment marked paid): <see cref="PaymentMovedEvent"/>.</summary>
    public const string Captured = "payment.captured";

    /// <summary>Money refunded: <see cref="PaymentMovedEvent"/>.</summary>
    public const string Refunded = "payment.refunded";

    /// <summary>An authorization voided: <see cref="PaymentMovedEvent"/>.</summary>
    public const string Voided = "payment.voided";
}

/// <summary>
/// Payload of <c>payment.captured</c>, <c>payment.refunded</c> and <c>payment.voided</c>, written in the commit that
/// records the move (whoever records it: the request, the reconciler or a gateway webhook): what this move did
/// (<see cref="Amount"/>) and the payment's state and totals right after it. The orders module follows them, so an
/// order whose own record of a move was interrupted is brought to the payment's truth. The event becomes available
/// to handlers <c>Runner:Payments:Reconciler:EventDelay</c> after the move (the request records it on the order
/// itself first).
/// </summary>
public sealed record PaymentMovedEvent(PaymentId PaymentId, string? OrderReference, string Kind, Money Amount, PaymentState State,
    Money Authorized, Money Captured, Money Refunded, DateTimeOffset At);

/// <summary>Payload of <c>payment.fee</c>: one per transaction with a non-zero fee.</summary>
public sealed record PaymentFeeEvent(PaymentId PaymentId, string? OrderReference, string Kind, Money Amount, Money Fee,
    string Currency, DateTimeOffset At);
