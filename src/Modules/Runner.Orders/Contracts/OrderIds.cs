using Runner.Kernel.Ids;

namespace Runner.Orders.Contracts;

public readonly record struct OrderId(Guid Value) : ITypedId<OrderId>
{
    public static OrderId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>Open while the order is live; cancelled (voided or refunded, stock released); archived once closed out.</summary>
public enum OrderStatus { Open, Cancelled, Archived }

/// <summary>
/// Where the money stands: pending (manual method awaiting money), authorized, partially paid (part captured), paid,
/// partially refunded, refunded, voided (the authorization given up).
/// </summary>
public enum PaymentStatus { Pending, Authorized, PartiallyPaid, Paid, PartiallyRefunded, Refunded, Voided }

/// <summary>Where the goods stand: none shipped, some shipped, all shipped, all delivered.</summary>
public enum FulfilmentStatus { Unfulfilled, PartiallyFulfilled, Fulfilled, Delivered }

/// <summary>A return: asked for by the customer or staff, the goods received back, then restocked and refunded.</summary>
public enum ReturnStatus { Requested, Received, Restocked }
