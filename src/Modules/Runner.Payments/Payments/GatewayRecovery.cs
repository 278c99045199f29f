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
    /// The gateway's record of the operation; a failure when the gateway never received it; null when the gateway
    /// cannot be asked now (the operation then stays pending, and the reconciler settles it later).
    /// </summary>
    public static async Task<GatewayResult?> LookupAsync(IPaymentGateway gateway, string key, string currency, ILogger logger)
    {
        try
        {
            return await gateway.LookupAsync(key, CancellationToken.None) ?? NotReceived(currency);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Gateway {Gateway} cannot tell what became of operation {Key}; the reconciler will settle it.", gateway.Name, key);
            return null;
        }
    }

    public static GatewayResult NotReceived(string currency) =>
        new(GatewayStatus.Failed, null, Money.Zero(currency), "payment.gateway_error", "The payment gateway could not be reached.");
}
