using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Payments;

/// <summary>The payments module's refusals, each with its stable code.</summary>
internal static class PaymentErrors
{
    public static Error NotFound() => Error.NotFound("payment.not_found", "No payment has this id.");

    public static Error CaptureExceedsAuthorized(long available) =>
        Error.Unprocessable("payment.capture_exceeds_authorized",
            "The capture is larger than what remains authorized (captures in progress included). Nothing was captured.")
            with { Extensions = new Dictionary<string, object?> { ["capturable"] = Math.Max(available, 0) } };

    public static Error RefundExceedsCaptured(long available) =>
        Error.Unprocessable("payment.refund_exceeds_captured",
            "The refund is larger than what was captured and not yet refunded (refunds in progress included). Nothing was refunded.")
            with { Extensions = new Dictionary<string, object?> { ["refundable"] = Math.Max(available, 0) } };

    public static Error InvalidState(PaymentState state, string action) =>
        Error.Conflict("payment.invalid_state", $"A payment that is {Describe(state)} cannot be {action}.")
            with { Extensions = new Dictionary<string, object?> { ["state"] = state.ToString() } };

    public static Error AlreadyClaimed() =>
        Error.Conflict("payment.already_claimed", "This payment already belongs to another order.");

    public static Error CurrencyMismatch(string expected) =>
        Error.Invalid("amount.currency", "payment.currency_mismatch", $"The amount must be in the payment's currency, {expected}.");

    public static Error AmountNotPositive() =>
        Error.Invalid("amount.amount", "validation.out_of_range", "The amount must be greater than zero.");

    public static Error GatewayRefused(string action, string? code, string? message) =>
        Error.Unprocessable(code ?? "payment.gateway_error", $"The gateway refused the {action}: {message ?? "no reason given"}. Nothing was changed.");

    public static Error TokenInvalid() =>
        Error.Unprocessable("payment.token_invalid", "The payment token is unknown, expired or already used; tokenize the card again.");

    public static Error MethodUnavailable(string method) =>
        Error.Unprocessable("payment.method_unavailable", $"The store does not accept {method} payments at the moment.");

    public static Error IdempotencyKeyReused() =>
        Error.Unprocessable("idempotency.key_reused", "This Idempotency-Key was already used for a different payment request.");

    public static Error GatewayUnreachable() =>
        new("payment.gateway_unreachable", "The payment gateway did not answer and cannot say yet what it did. Nothing will be "
            + "done twice: the operation is settled from the gateway's records within minutes.",
            ErrorKind.Unavailable);

    public static Error InProgress() =>
        Error.Conflict("payment.in_progress", "A payment with this Idempotency-Key is still being processed; retry shortly.");

    public static string Describe(PaymentState state) => state switch
    {
        PaymentState.RequiresAction => "awaiting customer action",
        PaymentState.PartiallyCaptured => "partially captured",
        PaymentState.PartiallyRefunded => "partially refunded",
        _ => state.ToString().ToLowerInvariant(),
    };
}
