using Microsoft.Extensions.Logging;
using Runner.Kernel;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// What Runner does when a gateway call throws (a timeout, a dropped connection): the operation may or may not have
/// happened, so the gateway is asked under the operation's idempotency key rather than guessing.
/// </summary>
internal static class GatewayRecovery
{
    /// <summary>
    /// The gateway's record of the operation; <paramref name="unknown"/> when the gateway never received it; null when
    /// the gateway cannot be asked now (the operation then stays pending, and the reconciler settles it later).
    /// A shutdown (<paramref name="ct"/> cancelled) is not taken for an unreachable gateway.
    /// </summary>
    public static async Task<GatewayResult?> LookupAsync(IPaymentGateway gateway, string key, GatewayResult unknown, ILogger logger,
        CancellationToken ct = default)
    {
        try
        {
            return await gateway.LookupAsync(key, ct) ?? unknown;
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            logger.LogWarning(e, "Gateway {Gateway} cannot tell what became of operation {Key}; the reconciler will settle it.", gateway.Name, key);
            return null;
        }
    }

    /// <summary>What an operation the gateway never received comes to, asked right after the call failed.</summary>
    public static GatewayResult NotReceived(string currency) =>
        new(GatewayStatus.Failed, null, Money.Zero(currency), "payment.gateway_error", "The payment gateway could not be reached.");

    /// <summary>What an operation the gateway has no record of comes to, asked later by the reconciler.</summary>
    public static GatewayResult NoRecord(string currency) =>
        new(GatewayStatus.Failed, null, Money.Zero(currency), "payment.gateway_no_record", "The gateway has no record of this operation; it was not done.");
}
