using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;
using Runner.Payments.Payments;
using Runner.Payments.Settings;

namespace Runner.Payments.Webhooks;

public sealed record WebhookResponse(string Status);

/// <summary>
/// <c>POST /webhooks/payments/{gateway}</c>: a real gateway tells what happened to a payment. The Standard Webhooks
/// signature is checked against the gateway's secret from the settings; the event id is recorded in the same commit as
/// its effect, so a replay answers 200 <c>duplicate</c> and changes nothing. Events name the payment by the gateway's
/// reference: <c>payment.captured</c> and <c>payment.refunded</c> (<c>data.amount</c> in minor units, optional
/// <c>data.fee</c>), <c>payment.voided</c>, <c>payment.failed</c> (<c>data.code</c>, <c>data.message</c>). Every effect is
/// a conditional update within the payment's limits; an event that does not apply is recorded and answered <c>ignored</c>.
/// </summary>
internal sealed class ReceiveWebhook(RunnerDbContext db, IOutbox outbox, TimeProvider clock, PaymentSettingsReader settings,
    IOptions<PaymentReconcilerOptions> reconciler)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/payments/{gateway}", Endpoint).AllowPublic().WithTags("Payments")
            .WithName("ReceivePaymentWebhook").WithSummary("Receive a payment gateway's event (Standard Webhooks signature)")
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Endpoint(string gateway, HttpRequest request,
        ReceiveWebhook handler, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        var h = request.Headers;
        var result = await handler.RunAsync(gateway, h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"], body, ct);
        return result.IsSuccess ? TypedResults.Ok(new WebhookResponse(result.Value)) : Problems.Of(result.Error);
    }

    public async Task<Result<string>> RunAsync(string gateway, string? id, string? timestamp, string? signature, string body, CancellationToken ct)
    {
        if (!(await settings.GetAsync(ct)).WebhookSecrets.TryGetValue(gateway, out var secret))
            return Error.NotFound("payment.webhook_unknown_gateway", "No webhook secret is configured for this gateway.");
        if (WebhookSignature.Verify(secret, id, timestamp, signature, body, clock.GetUtcNow()) is { } why)
            return new Error("webhook.invalid_signature", why, ErrorKind.Unauthorized);
        if (id!.Length > 200) return Error.Invalid("webhook-id", "webhook.invalid_id", "webhook-id is at most 200 characters.");
        if (Parse(body) is not { } evt)
            return Error.Invalid("body", "webhook.invalid_event", "The event must be JSON with type and data.reference.");

        var now = Instants.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(new WebhookEvent { Gateway = gateway, EventId = id, Type = evt.Type, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(ct);
            return "duplicate";
        }
        var applied = await ApplyAsync(gateway, evt, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return applied ? "processed" : "ignored";
    }

    private async Task<bool> ApplyAsync(string gateway, GatewayEvent evt, DateTimeOffset now, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Gateway == gateway && p.GatewayReference == evt.Reference, ct);
        if (payment is null) return false;
        var id = payment.Id;
        var rows = db.Set<Payment>().Where(p => p.Id == id);
        var currency = payment.Currency;
        var fee = new Money(evt.Fee ?? 0, currency);
        switch (evt.Type)
        {
            case "payment.captured":
            {
                var a = evt.Amount ?? payment.Authorized - payment.Captured - payment.Capturing;
                var done = a > 0 && await rows.Where(p => (p.State == PaymentState.Authorized || p.State == PaymentState.PartiallyCaptured)
                        && p.Captured + p.Capturing + a <= p.Authorized)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Captured, p => p.Captured + a).SetProperty(p => p.UpdatedAt, now), ct) == 1;
                return done && await Log(PaymentTransaction.Capture, new GatewayResult(GatewayStatus.Succeeded, evt.EventReference, fee), a);
            }
            case "payment.refunded":
            {
                var a = evt.Amount ?? payment.Captured - payment.Refunded - payment.Refunding;
                var done = a > 0 && await rows.Where(p => (p.State == PaymentState.PartiallyCaptured || p.State == PaymentState.Captured
                        || p.State == PaymentState.PartiallyRefunded) && p.Refunded + p.Refunding + a <= p.Captured)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Refunded, p => p.Refunded + a).SetProperty(p => p.UpdatedAt, now), ct) == 1;
                return done && await Log(PaymentTransaction.Refund, new GatewayResult(GatewayStatus.Succeeded, evt.EventReference, fee), a);
            }
            case "payment.voided":
            {
                var done = await rows.Where(p => p.State == PaymentState.Authorized && p.Captured == 0 && p.Capturing == 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Voided).SetProperty(p => p.UpdatedAt, now), ct) == 1;
                return done && await Log(PaymentTransaction.Void, new GatewayResult(GatewayStatus.Succeeded, evt.EventReference, fee), payment.Authorized);
            }
            case "payment.failed":
            {
                var done = await rows.Where(p => (p.State == PaymentState.Authorized || p.State == PaymentState.RequiresAction)
                        && p.Captured == 0 && p.Capturing == 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Failed).SetProperty(p => p.UpdatedAt, now), ct) == 1;
                var failed = new GatewayResult(GatewayStatus.Failed, evt.EventReference, fee, evt.Code ?? "payment.failed", evt.Message ?? "The gateway reported the payment failed.");
                return done && await Log(PaymentTransaction.Authorization, failed, payment.Amount);
            }
            default:
                return false;
        }

        async Task<bool> Log(string kind, GatewayResult result, long amount)
        {
            if (kind is PaymentTransaction.Capture or PaymentTransaction.Refund) await PaymentLedger.RederiveStateAsync(db, id, now, ct);
            PaymentLedger.Record(db, outbox, id, payment.OrderReference, kind, result, new Money(amount, currency), now, "webhook");
            if (result.Succeeded)
                await PaymentLedger.AnnounceAsync(db, outbox, id, kind, new Money(amount, currency), now, reconciler.Value.EventDelay, ct);
            return true;
        }
    }

    private sealed record GatewayEvent(string Type, string Reference, long? Amount, long? Fee, string? Code, string? Message, string? EventReference);

    private static GatewayEvent? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("reference", out var reference) || reference.ValueKind != JsonValueKind.String)
                return null;
            long? Long(string name) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 && n <= Money.MaxAmount ? n : null;
            string? Text(string name, int max) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()![..Math.Min(max, v.GetString()!.Length)] : null;
            var typeName = type.GetString()!;
            if (typeName.Length > 100 || reference.GetString()!.Length > 200) return null;
            return new GatewayEvent(typeName, reference.GetString()!, Long("amount"), Long("fee"), Text("code", 100), Text("message", 500), Text("id", 200));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
