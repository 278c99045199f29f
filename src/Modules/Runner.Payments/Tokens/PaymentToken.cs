namespace Runner.Payments.Tokens;

/// <summary>
/// A single-use card token (table <c>payments_tokens</c>). It keeps what may be kept of a card: brand, last four digits,
/// expiry, holder and a keyed HMAC fingerprint of the number. Never the number, never the CVC.
/// </summary>
internal sealed class PaymentToken
{
    public required string Token { get; set; }
    public required string Brand { get; set; }
    public required string Last4 { get; set; }
    public int ExpMonth { get; set; }
    public int ExpYear { get; set; }
    public required string HolderName { get; set; }
    public required string Fingerprint { get; set; }
    /// <summary>The sandbox's outcome for this card, decided at tokenization (<see cref="Gateways.SandboxOutcomes"/>).</summary>
    public string? SandboxOutcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

