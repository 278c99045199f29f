using Runner.Kernel;
using Runner.Payments.Contracts;

namespace Runner.Checkout.Completion;

/// <summary>One line's units held for a checkout.</summary>
internal sealed record HeldLine(Guid LineId, Guid VariantId, long Quantity, Guid ReservationId);

/// <summary>
/// A checkout that waits for the customer (a 3-D Secure challenge), kept on the cart: the payment to confirm, the
/// reservations that hold the units meanwhile, the amount that was authorized (the cart must still total it) and the
/// fraud assessment, so the follow-up <c>{ paymentId }</c> call places the order without reserving or screening again.
/// </summary>
internal sealed record PendingCheckout(Guid PaymentId, Money Amount, IReadOnlyList<HeldLine> Lines, FraudAssessment? Fraud);
