using Runner.Kernel.Ids;

namespace Runner.Payments.Contracts;

public readonly record struct PaymentId(Guid Value) : ITypedId<PaymentId>
{
    public static PaymentId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>How the customer pays: a card through a gateway, or manually (bank transfer, cash on delivery).</summary>
public enum PaymentMethod { Card, Manual }

/// <summary>
/// Where a payment stands. A card payment starts Authorized (or RequiresAction for 3-D Secure, or Declined/Failed);
/// capture, void and refund move it on. Pending is a manual payment awaiting the money; Expired an authorization that
/// ran out before it was captured.
/// </summary>
public enum PaymentState
{
    RequiresAction, Authorized, PartiallyCaptured, Captured, PartiallyRefunded, Refunded, Voided, Declined, Failed, Expired,
    Pending,
}
