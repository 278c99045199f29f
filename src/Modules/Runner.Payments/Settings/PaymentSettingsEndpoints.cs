using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Payments.Contracts;

namespace Runner.Payments.Settings;

public sealed record FeeModelInput(int PercentBasisPoints, long FixedAmount);
public sealed record ManualMethodInput(bool Enabled, string? Instructions);
public sealed record FraudInput(int ReviewThreshold, int RefuseThreshold, int VelocityLimitPerHour, long HighValueAmount,
    IReadOnlyList<string> DisposableEmailDomains);

/// <summary>The editable payment settings: the body of a PATCH, after merging. WebhookSecrets are write-only.</summary>
public sealed record PaymentSettingsInput(bool SandboxEnabled, ManualMethodInput Manual, IReadOnlyList<string> Gateways,
    FeeModelInput Fees, string CaptureMode, int AuthorizationValidityDays, int UnclaimedAuthorizationMinutes, FraudInput Fraud,
    IReadOnlyDictionary<string, string>? WebhookSecrets);

/// <summary>The settings as staff read them; webhook secrets appear only as the gateways that have one.</summary>
public sealed record PaymentSettingsResponse(bool SandboxEnabled, ManualMethodInput Manual, IReadOnlyList<string> Gateways,
    IReadOnlyList<string> AvailableGateways, FeeModelInput Fees, string CaptureMode, int AuthorizationValidityDays,
    int UnclaimedAuthorizationMinutes, FraudInput Fraud, IReadOnlyList<string> WebhookGateways, DateTimeOffset? UpdatedAt, long Version);

/// <summary>
/// <c>GET/PATCH /admin/settings/payments</c>. <c>gateways</c> lists the enabled real gateways besides the sandbox and
/// the manual method; fixed fee amounts and the high-value amount are minor units (of the payment's currency and of
/// the store currency respectively).
/// </summary>
internal static class PaymentSettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/settings/payments").WithTags("Payments");
        group.MapGet("", Get).RequirePermission(Permissions.SettingsRead)
            .WithName("GetPaymentSettings").WithSummary("Read the payment settings");
        group.MapPatch("", Patch).RequirePermission(Permissions.SettingsWrite)
            .Accepts<PaymentSettingsInput>(JsonMergePatch.MediaType, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName("UpdatePaymentSettings").WithSummary("Change payment settings (JSON merge patch, RFC 7396)")
            .WithDescription(Versions.IfMatchNote("payment.settings_version_mismatch", "the settings"));
    }

    internal static async Task<Ok<PaymentSettingsResponse>> Get(PaymentSettingsReader settings, IServiceProvider services, HttpContext http,
        CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        Versions.Tag(http, current.Version);
        return TypedResults.Ok(ToResponse(current, GatewayNames(services)));
    }

    internal static async Task<Results<Ok<PaymentSettingsResponse>, ProblemHttpResult>> Patch(JsonElement patch, RunnerDbContext db,
        IServiceProvider services, TimeProvider clock, HttpContext http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var settings = await db.Set<PaymentSettings>().SingleOrDefaultAsync(s => s.Id == PaymentSettings.SingletonId, ct);
        var current = settings ?? PaymentSettings.Defaults();
        if (Versions.Check(http, current.Version, "payment.settings_version_mismatch", "The payment settings") is { } stale) return Problems.Of(stale);
        var input = JsonMergePatch.Merge(ToInput(current), patch, json.Value.SerializerOptions);
        var available = GatewayNames(services);
        if (Validate(input, available) is { } invalid) return Problems.Of(invalid);
        if (settings is null)
        {
            current.Version = 1; // the defaults, never saved, are version 0
            db.Add(current);
        }
        current.EnabledGateways = [.. input.Gateways.Where(g => g != PaymentSettings.Sandbox).Distinct()];
        if (input.SandboxEnabled) current.EnabledGateways.Insert(0, PaymentSettings.Sandbox);
        if (input.Manual.Enabled) current.EnabledGateways.Add(PaymentSettings.Manual);
        current.ManualInstructions = string.IsNullOrWhiteSpace(input.Manual.Instructions) ? null : input.Manual.Instructions.Trim();
        current.FeePercentBasisPoints = input.Fees.PercentBasisPoints;
        current.FeeFixedMinor = input.Fees.FixedAmount;
        current.CaptureMode = Enum.Parse<CaptureMode>(input.CaptureMode, ignoreCase: true);
        current.AuthorizationValidityDays = input.AuthorizationValidityDays;
        current.UnclaimedAuthorizationMinutes = input.UnclaimedAuthorizationMinutes;
        current.FraudReviewThreshold = input.Fraud.ReviewThreshold;
        current.FraudRefuseThreshold = input.Fraud.RefuseThreshold;
        current.VelocityLimitPerHour = input.Fraud.VelocityLimitPerHour;
        current.HighValueMinor = input.Fraud.HighValueAmount;
        current.DisposableEmailDomains = [.. input.Fraud.DisposableEmailDomains.Select(d => d.Trim().ToLowerInvariant()).Distinct()];
        current.WebhookSecrets = (input.WebhookSecrets ?? new Dictionary<string, string>()).ToDictionary();
        current.UpdatedAt = Instants.Now(clock);
        await db.SaveChangesAsync(ct);
        Versions.Tag(http, current.Version);
        return TypedResults.Ok(ToResponse(current, available));
    }

    internal static Error? Validate(PaymentSettingsInput input, IReadOnlyList<string> available)
    {
        var v = new Validator();
        foreach (var name in input.Gateways.Where(g => g != PaymentSettings.Sandbox && !available.Contains(g)))
            v.Add("gateways", "payment.unknown_gateway", $"'{name}' is not an installed gateway.");
        v.MaxLength("manual.instructions", input.Manual.Instructions, 2000);
        v.Range("fees.percentBasisPoints", input.Fees.PercentBasisPoints, 0, 10_000);
        v.Range("fees.fixedAmount", input.Fees.FixedAmount, 0, 1_000_000);
        if (!Enum.TryParse<CaptureMode>(input.CaptureMode, ignoreCase: true, out _) || int.TryParse(input.CaptureMode, out _))
            v.Add("captureMode", "payment.invalid_capture_mode", "captureMode must be automatic or manual.");
        v.Range("authorizationValidityDays", input.AuthorizationValidityDays, 1, 30);
        v.Range("unclaimedAuthorizationMinutes", input.UnclaimedAuthorizationMinutes, 1, 24 * 60);
        v.Range("fraud.reviewThreshold", input.Fraud.ReviewThreshold, 1, 1000);
        v.Range("fraud.refuseThreshold", input.Fraud.RefuseThreshold, 1, 1000);
        if (input.Fraud.RefuseThreshold < input.Fraud.ReviewThreshold)
            v.Add("fraud.refuseThreshold", "payment.invalid_thresholds", "The refuse threshold must not be below the review threshold.");
        v.Range("fraud.velocityLimitPerHour", input.Fraud.VelocityLimitPerHour, 1, 10_000);
        v.Range("fraud.highValueAmount", input.Fraud.HighValueAmount, 1, Kernel.Money.MaxAmount);
        if (input.Fraud.DisposableEmailDomains.Count > 5000)
            v.Add("fraud.disposableEmailDomains", "validation.too_many", "At most 5,000 domains.");
        foreach (var domain in input.Fraud.DisposableEmailDomains.Where(d => string.IsNullOrWhiteSpace(d) || d.Length > 253 || d.Contains('@') || !d.Contains('.')))
            v.Add("fraud.disposableEmailDomains", "payment.invalid_domain", $"'{domain}' is not a domain name such as mailinator.com.");
        foreach (var (gateway, secret) in input.WebhookSecrets ?? new Dictionary<string, string>())
        {
            if (gateway.Length is 0 or > 50) v.Add($"webhookSecrets.{gateway}", "payment.unknown_gateway", "A gateway name has 1 to 50 characters.");
            if (!Webhooks.WebhookSignature.IsValidSecret(secret))
                v.Add($"webhookSecrets.{gateway}", "payment.invalid_webhook_secret", "A webhook secret is base64 (24 to 64 bytes), optionally prefixed whsec_.");
        }
        return v.IsValid ? null : v.ToError();
    }

    private static IReadOnlyList<string> GatewayNames(IServiceProvider services) =>
        [.. services.GetServices<IPaymentGateway>().Select(g => g.Name)];

    private static PaymentSettingsInput ToInput(PaymentSettings s) => new(
        s.EnabledGateways.Contains(PaymentSettings.Sandbox),
        new ManualMethodInput(s.EnabledGateways.Contains(PaymentSettings.Manual), s.ManualInstructions),
        [.. s.EnabledGateways.Where(g => g is not (PaymentSettings.Sandbox or PaymentSettings.Manual))],
        new FeeModelInput(s.FeePercentBasisPoints, s.FeeFixedMinor), s.CaptureMode.ToString().ToLowerInvariant(),
        s.AuthorizationValidityDays, s.UnclaimedAuthorizationMinutes,
        new FraudInput(s.FraudReviewThreshold, s.FraudRefuseThreshold, s.VelocityLimitPerHour, s.HighValueMinor, s.DisposableEmailDomains),
        s.WebhookSecrets);

    private static PaymentSettingsResponse ToResponse(PaymentSettings s, IReadOnlyList<string> available)
    {
        var i = ToInput(s);
        return new(i.SandboxEnabled, i.Manual, i.Gateways, available, i.Fees, i.CaptureMode, i.AuthorizationValidityDays,
            i.UnclaimedAuthorizationMinutes, i.Fraud, [.. s.WebhookSecrets.Keys.Order()], s.Id == PaymentSettings.SingletonId && s.UpdatedAt != default ? s.UpdatedAt : null,
            s.Version);
    }
}
