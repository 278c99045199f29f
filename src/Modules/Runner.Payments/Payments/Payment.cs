using Runner.Kernel;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// A payment (table <c>payments_payments</c>). Amounts are minor units of <see cref="Currency"/>. Captures and refunds
/// in flight at the gateway are held in <see cref="Capturing"/> and <see cref="Refunding"/>, so that
/// captured + capturing never exceeds authorized and refunded + refunding never exceeds captured, whatever runs at once:
/// every change is a conditional UPDATE.
/// </summary>
internal sealed class Payment
{
    public PaymentId Id { get; set; }
    public required string Gateway { get; set; }
    public PaymentMethod Method { get; set; }
    public PaymentState State { get; set; }
    public required string Currency { get; set; }
    public long Amount { get; set; }
    public long Authorized { get; set; }
    public long Captured { get; set; }
    public long Refunded { get; set; }
    public long Capturing { get; set; }
    public long Refunding { get; set; }
    public string? Brand { get; set; }
    public string? Last4 { get; set; }
    public string? Fingerprint { get; set; }
    public required string Reference { get; set; }
    public string? OrderReference { get; set; }
    public string? GatewayReference { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset? AuthorizationExpiresAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<PaymentTransaction> Transactions { get; set; } = [];

    public PaymentView ToView() => new(Id, Gateway, Method, State, new Money(Amount, Currency), new Money(Authorized, Currency),
        new Money(Captured, Currency), new Money(Refunded, Currency), Brand, Last4, Reference, OrderReference,
        State == PaymentState.RequiresAction ? new PaymentNextAction("three_d_secure", $"/store/payments/{Id}/confirm") : null,
        AuthorizationExpiresAt,
        [.. Transactions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => t.ToView())])
    {
        Refundable = new Money(Math.Max(0, Captured - Refunded - Refunding), Currency),
    };
}

/// <summary>One line of a payment's transaction log (table <c>payments_transactions</c>).</summary>
internal sealed class PaymentTransaction
{
    public const string Authorization = "authorization", Capture = "capture", Void = "void", Refund = "refund", Sale = "sale";
    /// <summary>Pending: sent to the gateway and not yet settled (its amount is held in capturing/refunding).</summary>
    public const string Succeeded = "succeeded", Failed = "failed", Pending = "pending";

    /// <summary>The idempotency key the gateway is given for this capture, refund or void.</summary>
    public static string GatewayKey(PaymentId payment, Guid transaction) => $"{payment}:{transaction}";

    public Guid Id { get; set; }
    public PaymentId PaymentId { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public long Amount { get; set; }
    public long Fee { get; set; }
    public required string Currency { get; set; }
    public string? GatewayReference { get; set; }
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }

    public PaymentTransactionView ToView() => new(Id, Kind, Status, new Money(Amount, Currency), new Money(Fee, Currency),
        GatewayReference, Code, Message, At);
}

/// <summary>
/// An authorization under way (table <c>payments_idempotency</c>), committed before the gateway is called. Its unique
/// <see cref="Key"/> (the caller's idempotency key, or <c>payment:{id}</c> when it gave none) lets exactly one caller
/// go on; the others wait for <see cref="PaymentId"/> to appear. It keeps what is needed to record the payment without
/// the caller (the gateway, the amount, the token), so that when the process dies while the gateway answers, the
/// reconciler asks the gateway under <see cref="GatewayKey"/> and records the payment, or releases the key and the
/// token so that a retry starts over. <see cref="Status"/> turns Completed in the commit that records the payment.
/// </summary>
internal sealed class PaymentIdempotency
{
    public const string Pending = "pending", Completed = "completed";

    public required string Key { get; set; }
    public PaymentId PaymentId { get; set; }
    public required string RequestHash { get; set; }
    public string Status { get; set; } = Pending;
    public string? RequestKey { get; set; }
    public PaymentMethod Method { get; set; }
    public required string Gateway { get; set; }
    public bool Capture { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public required string Reference { get; set; }
    public string? Token { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The idempotency key the gateway is given for this authorization.</summary>
    public static string GatewayKey(PaymentId id) => $"{id}:authorize";
}
