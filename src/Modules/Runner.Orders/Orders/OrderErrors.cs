using Runner.Orders.Contracts;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Orders.Orders;

/// <summary>The orders module's refusals, each with its stable code.</summary>
internal static class OrderErrors
{
    public static Error NotFound() => Error.NotFound("orders.not_found", "No order has this id.");

    public static Error Cancelled() => Error.Conflict("orders.cancelled", "The order is cancelled; it can no longer change.");

    public static Error InvalidTransition(string what, object from, object to) => Error.Conflict("orders.invalid_transition",
        $"The {what} cannot go from {Snake(from)} to {Snake(to)}.");

    public static Error ManualPaymentPending(PaymentId payment) => Error.Conflict("orders.manual_payment_pending",
        $"The order waits for manual payment {payment}: record it with method \"manual\", or void it (POST /admin/payments/{payment}/void) before taking a card.");

    public static Error NoPayment() => Error.Unprocessable("orders.no_payment", "The order has no payment to move money on.");

    public static Error RefundTooLarge(long refundable, string currency) =>
        Error.Unprocessable("orders.refund_exceeds_captured", $"At most {new Kernel.Money(refundable, currency)} can be refunded (captured minus refunded).")
            with { Extensions = new Dictionary<string, object?> { ["refundable"] = new Kernel.Money(refundable, currency) } };

    public static Error NothingToCapture() => Error.Conflict("payment.invalid_state",
        "No payment of the order holds an authorization left to capture.");

    public static Error CaptureTooLarge(long capturable, string currency) =>
        Error.Unprocessable("payment.capture_exceeds_authorized",
            $"At most {new Kernel.Money(capturable, currency)} is authorized and not yet captured. Nothing was captured.")
            with { Extensions = new Dictionary<string, object?> { ["capturable"] = new Kernel.Money(capturable, currency) } };

    public static Error NoBalanceDue() => Error.Conflict("orders.no_balance_due", "The order has no balance due to collect.");

    /// <summary>
    /// The message for a line quantity above what is left (<paramref name="most"/>): "Between 1 and 3 unit(s) of this
    /// line can be restocked.", or, with none left, "No unit of this line can be restocked.".
    /// </summary>
    public static string QuantityLeft(long most, string unitsOf, string action) =>
        most > 0 ? $"Between 1 and {most} {unitsOf} {action}." : $"No {unitsOf.Replace("unit(s)", "unit")} {action}.";

    public static Error PaymentInProgress() => Error.Conflict("orders.payment_in_progress",
        "Another action moving this order's money (a capture, refund, cancel, return, edit or payment) is still running; try again once it has finished.");

    public static Error Changed() => Error.Conflict("orders.changed",
        "The order changed while its payment was authorized; the authorization was voided. Try again.");

    public static Error UnknownPayment(string field) => Error.Invalid(field, "orders.unknown_payment", "No payment of this order has this id.");

    public static Error WrongCurrency(string field, string currency) =>
        Error.Invalid(field, "orders.wrong_currency", $"{field} must be in the order currency, {currency}.");

    public static Error ReservationMismatch(string sku) => Error.Unprocessable("orders.reservation_mismatch",
        $"The reservations given for {sku} do not hold the line's variant and quantity.");

    public static string Snake(object value) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!);

    public static DomainException Throw(Error e) => new(e);

    public static Error Held() => Error.Conflict("orders.held_for_review",
        "The order is held for fraud review; release it before capturing or fulfilling it.");

    public static Error ReturnState(ReturnStatus from, string action) =>
        Error.Conflict("orders.invalid_transition", $"A {Snake(from)} return cannot be {action}.");
}
