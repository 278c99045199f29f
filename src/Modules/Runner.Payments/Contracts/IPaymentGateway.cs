using Runner.Kernel;

namespace Runner.Payments.Contracts;

/// <summary>
/// The card a payment token stands for, as a gateway may see it: never the number, only what tokenization kept.
/// SandboxOutcome is the built-in sandbox's test-card outcome (null for ordinary cards); real gateways ignore it.
/// </summary>
public sealed record GatewayCard(string Token, string Brand, string Last4, int ExpMonth, int ExpYear, string Fingerprint,
    string? SandboxOutcome);

/// <summary>An authorization request: Capture asks for a sale (authorize and capture at once).</summary>
public sealed record GatewayAuthorization(PaymentId PaymentId, Money Amount, GatewayCard Card, bool Capture, string IdempotencyKey);

/// <summary>Succeeded; RequiresAction (the customer must pass a 3-D Secure challenge); Declined by the issuer; Failed (an error).</summary>
public enum GatewayStatus { Succeeded, RequiresAction, Declined, Failed }

/// <summary>
/// A gateway's answer: its reference for the operation (an authorization's reference is what later captures, voids
/// and refunds name) and the fee it charges the merchant for it (zero when none). Code and Message explain a refusal.
/// </summary>
public sealed record GatewayResult(GatewayStatus Status, string? Reference, Money Fee, string? Code = null, string? Message = null)
{
    public bool Succeeded => Status == GatewayStatus.Succeeded;
}

/// <summary>
/// A payment gateway (the extension point for real providers; the built-in one is the sandbox). Calls are made
/// outside any database transaction, so a process may die between a call and the commit that records it. Every call
/// therefore carries an idempotency key that Runner recorded before the call (authorizations:
/// <c>{paymentId}:authorize</c>; captures, refunds and voids: <c>{paymentId}:{transactionId}</c>): a gateway must
/// perform an operation once per key (a repeat answers the first outcome) and answer <see cref="LookupAsync"/> for it,
/// which is how the payment reconciler settles an operation whose answer was lost. A real integration passes the key
/// as the provider's idempotency key and looks it up through the provider's API.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The name stored on payments and used in settings and webhook URLs (<c>sandbox</c>).</summary>
    string Name { get; }

    Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request, CancellationToken ct = default);

    /// <summary>Completes a RequiresAction authorization with the customer's challenge result.</summary>
    Task<GatewayResult> ConfirmAsync(string reference, Money amount, bool capture, bool passed, CancellationToken ct = default);

    Task<GatewayResult> CaptureAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default);
    Task<GatewayResult> VoidAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default);
    Task<GatewayResult> RefundAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default);

    /// <summary>
    /// What became of the operation sent with <paramref name="idempotencyKey"/>: its outcome as the gateway recorded
    /// it, or null when the gateway never received it (it is then safe to consider it not done).
    /// </summary>
    Task<GatewayResult?> LookupAsync(string idempotencyKey, CancellationToken ct = default);
}
