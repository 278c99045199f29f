using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Payments.Fraud;
using Runner.Payments.Settings;

namespace Runner.Tests.Payments;

public class FraudRuleTests
{
    private static readonly PaymentSettings Settings = PaymentSettings.Defaults();

    private static FraudRequest Request(string email = "ada@example.com", string? billing = "FR", string? shipping = "FR",
        long amount = 5_000, bool firstOrder = false) =>
        new(email, "203.0.113.7", null, billing, shipping, new Money(amount, "USD"), firstOrder);

    private static IReadOnlyList<FraudSignal> Run(FraudRequest r, int card = 1, int email = 1, int ip = 1) =>
        FraudRules.Evaluate(new FraudFacts(r, Settings, card, email, ip));

    [Fact]
    public void AnOrdinaryOrder_RaisesNoSignal() => Assert.Empty(Run(Request()));

    [Fact]
    public void CardVelocity_AboveTheLimit_AddsPoints()
    {
        Assert.Empty(Run(Request(), card: Settings.VelocityLimitPerHour));
        var s = Assert.Single(Run(Request(), card: Settings.VelocityLimitPerHour + 1));
        Assert.Equal(("velocity_card", FraudRules.CardVelocityPoints), (s.Rule, s.Points));
    }

    [Fact]
    public void EmailVelocity_AboveTheLimit_AddsPoints() =>
        Assert.Equal("velocity_email", Assert.Single(Run(Request(), email: Settings.VelocityLimitPerHour + 1)).Rule);

    [Fact]
    public void IpVelocity_AboveTheLimit_AddsPoints() =>
        Assert.Equal("velocity_ip", Assert.Single(Run(Request(), ip: Settings.VelocityLimitPerHour + 1)).Rule);

    [Fact]
    public void BillingAndShippingInDifferentCountries_AddsPoints_CaseInsensitively()
    {
        Assert.Equal("country_mismatch", Assert.Single(Run(Request(billing: "FR", shipping: "DE"))).Rule);
        Assert.Empty(Run(Request(billing: "fr", shipping: "FR")));
        Assert.Empty(Run(Request(billing: null, shipping: "DE")));
    }

    [Fact]
    public void HighValue_OnAFirstOrderOnly_AddsPoints()
    {
        Assert.Equal("high_value_first_order", Assert.Single(Run(Request(amount: Settings.HighValueMinor, firstOrder: true))).Rule);
        Assert.Empty(Run(Request(amount: Settings.HighValueMinor, firstOrder: false)));
        Assert.Empty(Run(Request(amount: Settings.HighValueMinor - 1, firstOrder: true)));
    }

    [Fact]
    public void ADisposableEmailDomain_AddsPoints() =>
        Assert.Equal("disposable_email", Assert.Single(Run(Request(email: "x@Mailinator.com"))).Rule);

    [Fact]
    public void TheDecision_FollowsTheThresholds()
    {
        Assert.Equal(FraudDecision.Accept, FraudRules.Decide(Settings.FraudReviewThreshold - 1, Settings));
        Assert.Equal(FraudDecision.Review, FraudRules.Decide(Settings.FraudReviewThreshold, Settings));
        Assert.Equal(FraudDecision.Refuse, FraudRules.Decide(Settings.FraudRefuseThreshold, Settings));
    }
}

public class FraudScreenTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<FraudAssessment> AssessAsync(FraudRequest r)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IFraudScreen>().AssessAsync(r);
    }

    [Fact]
    public async Task RepeatedAttemptsWithOneCard_AreCountedInTheDatabase_AndRaiseTheScore()
    {
        var email = $"buyer-{Guid.NewGuid():N}@example.com";
        var tokens = new List<string>();
        for (var i = 0; i < 7; i++) tokens.Add(await PaymentsData.TokenAsync(app.Store(), "5555555555554444"));
        FraudAssessment last = null!;
        for (var i = 0; i < 7; i++)
            last = await AssessAsync(new FraudRequest(email, $"198.51.100.{i}", tokens[i], "US", "US", new Money(1_000, "USD"), false));
        Assert.Contains(last.Signals, s => s.Rule == "velocity_card");
        Assert.Contains(last.Signals, s => s.Rule == "velocity_email");
        Assert.DoesNotContain(last.Signals, s => s.Rule == "velocity_ip");
        Assert.Equal(FraudRules.CardVelocityPoints + FraudRules.EmailVelocityPoints, last.Score);
        Assert.Equal(FraudDecision.Review, last.Decision);
    }

    [Fact]
    public async Task EnoughSignals_Refuse()
    {
        var r = new FraudRequest($"x{Guid.NewGuid():N}@mailinator.com", null, null, "US", "NG", new Money(500_000, "USD"), true);
        var a = await AssessAsync(r);
        Assert.Equal(FraudRules.DisposableEmailPoints + FraudRules.CountryMismatchPoints + FraudRules.HighValueFirstOrderPoints, a.Score);
        Assert.Equal(FraudDecision.Refuse, a.Decision);
    }
}
