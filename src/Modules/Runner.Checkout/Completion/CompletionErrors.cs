using Microsoft.AspNetCore.Http;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Checkout.Completion;

/// <summary>Why a cart cannot be checked out, each with its stable code.</summary>
internal static class CompletionErrors
{
    public static Error Empty() => Error.Unprocessable("cart.empty", "The cart has no lines; add something before checking out.");

    public static Error EmailRequired() => Error.Unprocessable("cart.email_required", "Set the cart's email first: the order confirmation goes there.");

    public static Error ShippingRateRequired() => Error.Unprocessable("cart.shipping_rate_required",
        "Choose a shipping rate first (GET /store/carts/{id}/shipping-rates, then POST /store/carts/{id}/shipping-rate).");

    public static Error ShippingRateUnavailable() => Error.Unprocessable("cart.shipping_rate_unavailable",
        "The chosen shipping rate is no longer offered for this cart; list the rates again and choose one.");

    public static Error LinesUnavailable(IEnumerable<object> lines) =>
        Error.Unprocessable("cart.line_unavailable", "Some lines cannot be bought as they stand; change or remove them.")
            with { Extensions = new Dictionary<string, object?> { ["lines"] = lines.ToList() } };

    public static Error InsufficientStock(IReadOnlyList<object> lines) =>
        Error.Conflict("inventory.insufficient_stock", "Not enough units are available for some lines; nothing was reserved or charged.")
            with { Extensions = new Dictionary<string, object?> { ["lines"] = lines } };

    public static Error PaymentTokenRequired() => Error.Invalid("paymentToken", "checkout.payment_token_required",
        "A card payment needs a paymentToken from POST /store/payment-tokens.");

    public static Error InvalidMethod() => Error.Invalid("paymentMethod", "checkout.invalid_payment_method",
        "paymentMethod is \"card\" or \"manual\".");

    public static Error FraudRefused() => Error.Unprocessable("checkout.fraud_refused",
        "This order cannot be accepted. Contact the store if you think this is a mistake.");

    public static Error InProgress() => Error.Conflict("cart.checkout_in_progress",
        "This cart is being checked out by another request; retry in a moment.");

    public static Error NoPendingPayment() => Error.Unprocessable("checkout.no_pending_payment",
        "This cart has no checkout waiting for this payment; complete the cart with a paymentToken.");

    public static Error Changed() => Error.Conflict("cart.changed",
        "The cart changed while the payment waited for confirmation; the payment was cancelled, complete the cart again.");

    public static Error PaymentNotAuthorized(PaymentState state) => Error.Conflict("checkout.payment_not_authorized",
        $"The payment is {state}, not authorized; complete the cart again with a paymentToken.");

}
