using Runner.Payments.Payments;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Contracts;

/// <summary>
/// A card authorization checked and read, whose key the caller takes in a transaction of its own
/// (<see cref="IPayments.StartAuthorizationAsync"/>): what the payment module needs to take it and then call the
/// gateway. Opaque to other modules.
/// </summary>
public sealed class AuthorizationStart
{
    internal AuthorizationStart(AuthorizeRequest request, PaymentIdempotency key, PaymentSettings settings, PaymentToken? token,
        string? fingerprint, DateTimeOffset now)
    {
        Request = request;
        Key = key;
        Settings = settings;
        Token = token;
        Fingerprint = fingerprint;
        Now = now;
    }

    internal AuthorizeRequest Request { get; }
    /// <summary>The key to take; it names the gateway, resolved again in the scope that calls it.</summary>
    internal PaymentIdempotency Key { get; }

    internal PaymentSettings Settings { get; }

    /// <summary>The single-use token as read before the transaction (null when unknown: taking the key then refuses).</summary>
    internal PaymentToken? Token { get; }

    /// <summary>The card's fingerprint for the fraud screen's velocity count.</summary>
    internal string? Fingerprint { get; }

    internal DateTimeOffset Now { get; }
}
