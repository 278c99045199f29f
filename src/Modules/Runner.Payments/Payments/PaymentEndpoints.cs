using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

public sealed record CapturePaymentRequest(Money? Amount = null);
public sealed record RefundPaymentRequest(Money Amount, string? Reason = null);
public sealed record ConfirmPaymentRequest(string? Result = null);

/// <summary>What the storefront learns of a payment: its state, what the customer must still do, or why it was refused.</summary>
public sealed record StorePaymentResponse(PaymentId Id, PaymentState State, Money Amount, string? Brand, string? Last4,
    PaymentNextAction? NextAction, PaymentDecline? Decline);

/// <summary>
/// Admin: <c>GET /admin/payments/{id}</c> with its transactions; capture, void, refund and mark paid, each behind an
/// <c>Idempotency-Key</c> (the orders API does the same through <see cref="IPayments"/>). Storefront: <c>POST /store/payments/{id}/confirm</c>, the sandbox's
/// 3-D Secure challenge (<c>{ "result": "pass" | "fail" }</c>).
/// </summary>
internal static class PaymentEndpoints
{
    public static void MapAdmin(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/{id:guid}", Get).RequirePermission(Permissions.OrdersRead)
            .WithName("GetPayment").WithSummary("Read a payment and its transaction log").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/capture", Capture).RequirePermission(Permissions.OrdersWrite)
            .WithName("CapturePayment").Produces<PaymentView>().ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("Capture an authorized payment, fully (no amount) or partly (Idempotency-Key header required)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{id:guid}/void", Void).RequirePermission(Permissions.OrdersWrite)
            .WithName("VoidPayment").Produces<PaymentView>().ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("Void an authorization with nothing captured (Idempotency-Key header required)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/refunds", Refund).RequirePermission(Permissions.RefundsWrite)
            .WithName("RefundPayment").Produces<PaymentView>().ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("Refund part or all of what was captured (Idempotency-Key header required)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{id:guid}/mark-paid", MarkPaid).RequirePermission(Permissions.OrdersWrite)
            .WithName("MarkPaymentPaid").Produces<PaymentView>().ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("Record a manual payment (bank transfer, cash on delivery) as paid (Idempotency-Key header required)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static void MapStore(IEndpointRouteBuilder store) =>
        store.MapPost("/payments/{id:guid}/confirm", Confirm).RequireStorefront()
            .WithName("ConfirmPayment").WithSummary("Complete a payment's 3-D Secure challenge (sandbox: result pass or fail)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, CancellationToken ct) =>
        await PaymentLedger.ViewAsync(db, new PaymentId(id), ct) is { } view ? TypedResults.Ok(view) : Problems.Of(PaymentErrors.NotFound());

    internal static Task<IResult> Capture(Guid id, CapturePaymentRequest? request, IPayments payments, HttpContext http, IdempotencyStore idempotency, CancellationToken ct) =>
        MoveAsync(http, idempotency, new { id, request }, ct => payments.CaptureAsync(new PaymentId(id), request?.Amount, ct), ct);

    internal static Task<IResult> Void(Guid id, IPayments payments, HttpContext http, IdempotencyStore idempotency, CancellationToken ct) =>
        MoveAsync(http, idempotency, new { id, action = "void" }, ct => payments.VoidAsync(new PaymentId(id), ct), ct);

    internal static Task<IResult> Refund(Guid id, RefundPaymentRequest request, IPayments payments, HttpContext http, IdempotencyStore idempotency, CancellationToken ct) =>
        MoveAsync(http, idempotency, new { id, request }, ct => payments.RefundAsync(new PaymentId(id), request.Amount, request.Reason, ct), ct);

    internal static Task<IResult> MarkPaid(Guid id, IPayments payments, HttpContext http, IdempotencyStore idempotency, CancellationToken ct) =>
        MoveAsync(http, idempotency, new { id, action = "mark-paid" }, ct => payments.MarkPaidAsync(new PaymentId(id), ct), ct);

    /// <summary>
    /// A money move behind the <c>Idempotency-Key</c> header: a retry with the key answers what the first call did
    /// and moves nothing again; a refusal is not remembered, so the same key may try again once the state allows it.
    /// </summary>
    private static Task<IResult> MoveAsync(HttpContext http, IdempotencyStore idempotency, object request,
        Func<CancellationToken, Task<Result<PaymentView>>> move, CancellationToken ct) =>
        idempotency.RunAsync(http, "payments", request, async ct =>
        {
            idempotency.MoneyMayMove();
            var result = await move(ct);
            return result.IsSuccess ? new IdempotentResponse(StatusCodes.Status200OK, result.Value) : throw new DomainException(result.Error);
        }, ct);

    internal static async Task<Results<Ok<StorePaymentResponse>, ProblemHttpResult>> Confirm(Guid id, ConfirmPaymentRequest request,
        ChangeState states, CancellationToken ct)
    {
        if (request.Result is not ("pass" or "fail"))
            return Problems.Of(Error.Invalid("result", "payment.invalid_challenge_result", "result must be \"pass\" or \"fail\"."));
        var result = await states.ConfirmAsync(new PaymentId(id), request.Result == "pass", ct);
        if (!result.IsSuccess) return Problems.Of(result.Error);
        var p = result.Value;
        var failed = p.State is PaymentState.Declined or PaymentState.Failed ? p.Transactions.LastOrDefault(t => t.Status == "failed") : null;
        return TypedResults.Ok(new StorePaymentResponse(p.Id, p.State, p.Amount, p.Brand, p.Last4, p.NextAction,
            failed is null ? null : new PaymentDecline(failed.Code ?? "payment.card_declined", failed.Message ?? "The card was declined.")));
    }
}
