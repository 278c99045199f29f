using Runner.Payments.Contracts;
using Runner.Payments.Settings;

namespace Runner.Payments.Fraud;

/// <summary>What the rules look at: the request, the settings, and how many attempts (this one included) were seen in the last hour.</summary>
internal sealed record FraudFacts(FraudRequest Request, PaymentSettings Settings, int CardAttempts, int EmailAttempts, int IpAttempts);

/// <summary>
/// The fraud rules, each adding points to the score. Velocity counts attempts in the last hour above the settings'
/// limit; the decision compares the score with the review and refuse thresholds.
/// </summary>
internal static class FraudRules
{
    public const int CardVelocityPoints = 40, EmailVelocityPoints = 25, IpVelocityPoints = 25, CountryMismatchPoints = 20,
        HighValueFirstOrderPoints = 30, DisposableEmailPoints = 30;

    public static IReadOnlyList<FraudSignal> Evaluate(FraudFacts f)
    {
        var signals = new List<FraudSignal>();
        var limit = f.Settings.VelocityLimitPerHour;
        if (f.CardAttempts > limit)
            signals.Add(new("velocity_card", CardVelocityPoints, $"{f.CardAttempts} attempts with this card in the last hour (limit {limit})."));
        if (f.EmailAttempts > limit)
            signals.Add(new("velocity_email", EmailVelocityPoints, $"{f.EmailAttempts} attempts with this email in the last hour (limit {limit})."));
        if (f.IpAttempts > limit)
            signals.Add(new("velocity_ip", IpVelocityPoints, $"{f.IpAttempts} attempts from this IP address in the last hour (limit {limit})."));
        var r = f.Request;
        if (r.BillingCountry is { Length: > 0 } billing && r.ShippingCountry is { Length: > 0 } shipping
            && !string.Equals(billing, shipping, StringComparison.OrdinalIgnoreCase))
            signals.Add(new("country_mismatch", CountryMismatchPoints, $"Billing country {billing.ToUpperInvariant()} differs from shipping country {shipping.ToUpperInvariant()}."));
        if (r.FirstOrder && r.AmountInStoreCurrency.Minor >= f.Settings.HighValueMinor)
            signals.Add(new("high_value_first_order", HighValueFirstOrderPoints, $"A first order of {r.AmountInStoreCurrency}."));
        if (DomainOf(r.Email) is { } domain && f.Settings.DisposableEmailDomains.Contains(domain))
            signals.Add(new("disposable_email", DisposableEmailPoints, $"{domain} hands out disposable addresses."));
        return signals;
    }

    public static FraudDecision Decide(int score, PaymentSettings settings) =>
        score >= settings.FraudRefuseThreshold ? FraudDecision.Refuse
        : score >= settings.FraudReviewThreshold ? FraudDecision.Review
        : FraudDecision.Accept;

    public static string? DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 || at == email.Length - 1 ? null : email[(at + 1)..].Trim().ToLowerInvariant();
    }
}
