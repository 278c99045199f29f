using System.Security.Cryptography;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;

namespace Runner.Payments.Gateways;

/// <summary>
/// The built-in offline gateway. Outcomes follow the test cards (<see cref="SandboxOutcomes"/>); 3-D Secure cards answer
/// RequiresAction until the storefront reports the challenge's result. Fees follow the settings' fee model and are
/// charged when money is captured (a sale or a capture); authorizations, voids and refunds cost nothing (the
/// sandbox, like most gateways, keeps the fee of a refunded capture).
/// </summary>
internal sealed class SandboxGateway(PaymentSettingsReader settings) : IPaymentGateway
{
    public string Name => PaymentSettings.Sandbox;

    public async Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request, CancellationToken ct = default)
    {
        var outcome = request.Card.SandboxOutcome;
        if (outcome == SandboxOutcomes.ThreeDSecure)
            return new GatewayResult(GatewayStatus.RequiresAction, NewReference("3ds"), Money.Zero(request.Amount.Currency));
        if (outcome is not null)
        {
            var (code, message) = SandboxOutcomes.Decline(outcome);
            var status = outcome == SandboxOutcomes.ProcessingError ? GatewayStatus.Failed : GatewayStatus.Declined;
            return new GatewayResult(status, NewReference("dcl"), Money.Zero(request.Amount.Currency), code, message);
        }
        return await SucceedAsync(request.Amount, request.Capture, NewReference(request.Capture ? "ch" : "auth"), ct);
    }

    public async Task<GatewayResult> ConfirmAsync(string reference, Money amount, bool capture, bool passed, CancellationToken ct = default) =>
        passed
            ? await SucceedAsync(amount, capture, reference, ct)
            : new GatewayResult(GatewayStatus.Declined, reference, Money.Zero(amount.Currency), "payment.authentication_failed",
                "The customer did not pass the 3-D Secure challenge.");

    public Task<GatewayResult> CaptureAsync(string reference, Money amount, CancellationToken ct = default) =>
        SucceedAsync(amount, true, NewReference("cap"), ct);

    public Task<GatewayResult> VoidAsync(string reference, Money amount, CancellationToken ct = default) =>
        Task.FromResult(new GatewayResult(GatewayStatus.Succeeded, NewReference("void"), Money.Zero(amount.Currency)));

    public Task<GatewayResult> RefundAsync(string reference, Money amount, CancellationToken ct = default) =>
        Task.FromResult(new GatewayResult(GatewayStatus.Succeeded, NewReference("re"), Money.Zero(amount.Currency)));

    private async Task<GatewayResult> SucceedAsync(Money amount, bool capture, string reference, CancellationToken ct)
    {
        var fee = capture ? (await settings.GetAsync(ct)).Fees.On(amount) : Money.Zero(amount.Currency);
        return new GatewayResult(GatewayStatus.Succeeded, reference, fee);
    }

    private static string NewReference(string kind) => $"sbx_{kind}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}

/// <summary>
/// The manual method (bank transfer, cash on delivery): no gateway is involved; staff record what happened, so every
/// operation succeeds at no fee.
/// </summary>
internal sealed class ManualGateway : IPaymentGateway
{
    public static readonly ManualGateway Instance = new();

    public string Name => PaymentSettings.Manual;

    public Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request, CancellationToken ct = default) => Ok(request.Amount);
    public Task<GatewayResult> ConfirmAsync(string reference, Money amount, bool capture, bool passed, CancellationToken ct = default) => Ok(amount);
    public Task<GatewayResult> CaptureAsync(string reference, Money amount, CancellationToken ct = default) => Ok(amount);
    public Task<GatewayResult> VoidAsync(string reference, Money amount, CancellationToken ct = default) => Ok(amount);
    public Task<GatewayResult> RefundAsync(string reference, Money amount, CancellationToken ct = default) => Ok(amount);

    private static Task<GatewayResult> Ok(Money amount) =>
        Task.FromResult(new GatewayResult(GatewayStatus.Succeeded, null, Money.Zero(amount.Currency)));
}
