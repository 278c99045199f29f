using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;

namespace Runner.Payments.Gateways;

/// <summary>
/// The built-in offline gateway. Outcomes follow the test cards (<see cref="SandboxOutcomes"/>); 3-D Secure cards answer
/// RequiresAction until the storefront reports the challenge's result. Fees follow the settings' fee model and are
/// charged when money is captured (a sale or a capture); authorizations, voids and refunds cost nothing (the
/// sandbox, like most gateways, keeps the fee of a refunded capture). Like a real gateway it keeps its own books by
/// idempotency key (<see cref="SandboxOperation"/>, written in a commit of its own): an operation is performed once
/// per key, and <see cref="LookupAsync"/> answers what became of a key.
/// </summary>
internal sealed class SandboxGateway(PaymentSettingsReader settings, IServiceScopeFactory scopes, TimeProvider clock) : IPaymentGateway
{
    public string Name => PaymentSettings.Sandbox;

    public Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request, CancellationToken ct = default) =>
        RememberAsync(request.IdempotencyKey, request.Capture ? "sale" : "authorization", () => DecideAsync(request, ct), ct);

    private async Task<GatewayResult> DecideAsync(GatewayAuthorization request, CancellationToken ct)
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

    public Task<GatewayResult> CaptureAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) =>
        RememberAsync(idempotencyKey, "capture", () => SucceedAsync(amount, true, NewReference("cap"), ct), ct);

    public Task<GatewayResult> VoidAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) =>
        RememberAsync(idempotencyKey, "void",
            () => Task.FromResult(new GatewayResult(GatewayStatus.Succeeded, NewReference("void"), Money.Zero(amount.Currency))), ct);

    public Task<GatewayResult> RefundAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) =>
        RememberAsync(idempotencyKey, "refund",
            () => Task.FromResult(new GatewayResult(GatewayStatus.Succeeded, NewReference("re"), Money.Zero(amount.Currency))), ct);

    public async Task<GatewayResult?> LookupAsync(string idempotencyKey, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return (await FindAsync(scope.ServiceProvider.GetRequiredService<RunnerDbContext>(), idempotencyKey, ct))?.ToResult();
    }

    /// <summary>
    /// Performs the operation and records its outcome under the key, or, when the key is recorded already, answers
    /// that outcome. Deciding has no effect until it is recorded, so the insert comes first and a retry reads only
    /// when it finds the key taken (the first call of a key, the common case, reads nothing).
    /// </summary>
    private async Task<GatewayResult> RememberAsync(string key, string kind, Func<Task<GatewayResult>> perform, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var result = await perform();
        db.Add(SandboxOperation.Of(key, kind, result, Instants.Now(clock)));
        try
        {
            await AddedRows.SaveAsync(db, ct);
            return result;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return (await FindAsync(db, key, ct))!.ToResult();
        }
    }

    private static Task<SandboxOperation?> FindAsync(RunnerDbContext db, string key, CancellationToken ct) =>
        db.Set<SandboxOperation>().AsNoTracking().SingleOrDefaultAsync(o => o.Key == key, ct);

    private async Task<GatewayResult> SucceedAsync(Money amount, bool capture, string reference, CancellationToken ct)
    {
        var fee = capture ? (await settings.GetAsync(ct)).Fees.On(amount) : Money.Zero(amount.Currency);
        return new GatewayResult(GatewayStatus.Succeeded, reference, fee);
    }

    private static string NewReference(string kind) => $"sbx_{kind}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}

/// <summary>
/// The manual method (bank transfer, cash on delivery): no gateway is involved; staff record what happened, so every
/// operation succeeds at no fee. An operation interrupted before its commit is simply not done (staff do it again).
/// </summary>
internal sealed class ManualGateway : IPaymentGateway
{
    public static readonly ManualGateway Instance = new();

    public string Name => PaymentSettings.Manual;

    public Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request, CancellationToken ct = default) => Ok(request.Amount);
    public Task<GatewayResult> ConfirmAsync(string reference, Money amount, bool capture, bool passed, CancellationToken ct = default) => Ok(amount);
    public Task<GatewayResult> CaptureAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) => Ok(amount);
    public Task<GatewayResult> VoidAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) => Ok(amount);
    public Task<GatewayResult> RefundAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) => Ok(amount);

    /// <summary>Nothing happens outside Runner for a manual payment: an operation whose record was lost never took place.</summary>
    public Task<GatewayResult?> LookupAsync(string idempotencyKey, CancellationToken ct = default) => Task.FromResult<GatewayResult?>(null);

    private static Task<GatewayResult> Ok(Money amount) =>
        Task.FromResult(new GatewayResult(GatewayStatus.Succeeded, null, Money.Zero(amount.Currency)));
}
