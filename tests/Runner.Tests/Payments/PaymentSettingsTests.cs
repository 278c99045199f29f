using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Payments;

public class PaymentSettingsTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task Defaults_AreSensible()
    {
        var s = await (await app.Admin().GetAsync("/admin/settings/payments")).Json();
        Assert.True(s.GetProperty("sandboxEnabled").GetBoolean());
        Assert.True(s.GetProperty("manual").GetProperty("enabled").GetBoolean());
        Assert.Equal((290L, 30L), (s.GetProperty("fees").Long("percentBasisPoints"), s.GetProperty("fees").Long("fixedAmount")));
        Assert.Equal(("manual", 7L, 15L), (s.Str("captureMode"), s.Long("authorizationValidityDays"), s.Long("unclaimedAuthorizationMinutes")));
        Assert.Contains("mailinator.com", s.GetProperty("fraud").GetProperty("disposableEmailDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("sandbox", s.GetProperty("availableGateways").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Patch_MergesOnlyWhatItNames_AndNeverEchoesWebhookSecrets()
    {
        var admin = app.Admin();
        var before = await (await admin.GetAsync("/admin/settings/payments")).Json();
        var secret = "whsec_" + Convert.ToBase64String(new byte[32]);
        var s = await (await admin.PatchJson("/admin/settings/payments", new
        {
            fees = new { percentBasisPoints = 150 },
            fraud = new { reviewThreshold = 40 },
            manual = new { instructions = "IBAN DE00 1234" },
            webhookSecrets = new Dictionary<string, string> { ["acme"] = secret },
        })).Json();
        Assert.Equal((150L, 30L), (s.GetProperty("fees").Long("percentBasisPoints"), s.GetProperty("fees").Long("fixedAmount")));
        Assert.Equal(40, s.GetProperty("fraud").Long("reviewThreshold"));
        Assert.Equal(before.GetProperty("fraud").Long("refuseThreshold"), s.GetProperty("fraud").Long("refuseThreshold"));
        Assert.Equal("IBAN DE00 1234", s.GetProperty("manual").Str("instructions"));
        Assert.Equal(["acme"], s.GetProperty("webhookGateways").EnumerateArray().Select(g => g.GetString()));
        Assert.DoesNotContain(secret[6..], (await (await admin.GetAsync("/admin/settings/payments")).Content.ReadAsStringAsync()));
        await (await admin.PatchJson("/admin/settings/payments", new { fees = new { percentBasisPoints = 290 }, fraud = new { reviewThreshold = 50 } })).Json();
    }

    [Fact]
    public async Task Patch_WithBadInput_Is400_AndChangesNothing()
    {
        var admin = app.Admin();
        var before = await (await admin.GetAsync("/admin/settings/payments")).Content.ReadAsStringAsync();
        (await (await admin.PatchJson("/admin/settings/payments", new { captureMode = "sometimes", fees = new { percentBasisPoints = 20_000 } }))
            .Problem(HttpStatusCode.BadRequest, "validation.failed")).HasFieldError("captureMode").HasFieldError("fees.percentBasisPoints");
        await (await admin.PatchJson("/admin/settings/payments", new { fraud = new { reviewThreshold = 90, refuseThreshold = 10 } }))
            .Problem(HttpStatusCode.BadRequest, "payment.invalid_thresholds");
        await (await admin.PatchJson("/admin/settings/payments", new { gateways = new[] { "nope" } })).Problem(HttpStatusCode.BadRequest, "payment.unknown_gateway");
        await (await admin.PatchJson("/admin/settings/payments", new { authorizationValidityDays = "seven" })).Problem(HttpStatusCode.BadRequest, "request.invalid_field");
        Assert.Equal(before, await (await admin.GetAsync("/admin/settings/payments")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Settings_NeedTheSettingsPermissions() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin(key: null).GetAsync("/admin/settings/payments")).StatusCode);
}
