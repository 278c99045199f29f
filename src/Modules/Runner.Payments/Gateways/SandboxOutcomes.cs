namespace Runner.Payments.Gateways;

/// <summary>
/// The sandbox's well-known test cards (Stripe's test-mode numbers) and what each does; any other valid card succeeds.
/// The outcome is decided when the card is tokenized and kept on the token, so the number itself is never kept.
/// </summary>
internal static class SandboxOutcomes
{
    public const string CardDeclined = "card_declined", InsufficientFunds = "insufficient_funds", LostCard = "lost_card",
        StolenCard = "stolen_card", ExpiredCard = "expired_card", IncorrectCvc = "incorrect_cvc",
        ProcessingError = "processing_error", Fraudulent = "fraudulent", ThreeDSecure = "three_d_secure";

    private static readonly Dictionary<string, string> ByNumber = new(StringComparer.Ordinal)
    {
        ["4000000000000002"] = CardDeclined,
        ["4000000000009995"] = InsufficientFunds,
        ["4000000000009987"] = LostCard,
        ["4000000000009979"] = StolenCard,
        ["4000000000000069"] = ExpiredCard,
        ["4000000000000127"] = IncorrectCvc,
        ["4000000000000119"] = ProcessingError,
        ["4100000000000019"] = Fraudulent,
        // Tokenizing (Stripe: attaching to a customer) succeeds; the charge is declined.
        ["4000000000000341"] = CardDeclined,
        // The CVC check fails whenever a CVC is supplied, and a token always carries one.
        ["4000000000000101"] = IncorrectCvc,
        ["4000002500003155"] = ThreeDSecure,
        ["4000000000003220"] = ThreeDSecure,
        ["4000002760003184"] = ThreeDSecure,
    };

    /// <summary>The outcome for a (normalized, Luhn-valid) card number; null means success.</summary>
    public static string? For(string digits) => ByNumber.GetValueOrDefault(digits);

    /// <summary>The decline code and message a refused outcome answers with.</summary>
    public static (string Code, string Message) Decline(string outcome) => outcome switch
    {
        InsufficientFunds => ("payment.insufficient_funds", "The card has insufficient funds."),
        LostCard => ("payment.lost_card", "The card was reported lost."),
        StolenCard => ("payment.stolen_card", "The card was reported stolen."),
        ExpiredCard => ("payment.expired_card", "The card has expired."),
        IncorrectCvc => ("payment.incorrect_cvc", "The card's security code is incorrect."),
        ProcessingError => ("payment.processing_error", "An error occurred while processing the card; try again."),
        Fraudulent => ("payment.card_declined", "The card was declined (blocked by the issuer's risk rules)."),
        _ => ("payment.card_declined", "The card was declined."),
    };
}
