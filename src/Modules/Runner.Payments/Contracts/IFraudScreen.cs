using Runner.Kernel;

namespace Runner.Payments.Contracts;

/// <summary>What the fraud screen looks at before an authorization. CardToken is a payment token (not a card number).</summary>
public sealed record FraudRequest(string Email, string? Ip, string? CardToken, string? BillingCountry, string? ShippingCountry,
    Money AmountInStoreCurrency, bool FirstOrder);

/// <summary>Accept: go on. Review: place the order but hold it. Refuse: refuse the checkout.</summary>
public enum FraudDecision { Accept, Review, Refuse }

/// <summary>One rule that fired, with the points it added.</summary>
public sealed record FraudSignal(string Rule, int Points, string Detail);

public sealed record FraudAssessment(int Score, FraudDecision Decision, IReadOnlyList<FraudSignal> Signals)
{
    /// <summary>Whether the checkout is refused (not part of the JSON an order keeps of its screen).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Refused => Decision == FraudDecision.Refuse;
}

/// <summary>
/// Scores a checkout attempt. Records the attempt (card fingerprint, email, ip, time) in the database, so velocity
/// counts across host processes.
/// </summary>
public interface IFraudScreen
{
    Task<FraudAssessment> AssessAsync(FraudRequest request, CancellationToken ct = default);
}
