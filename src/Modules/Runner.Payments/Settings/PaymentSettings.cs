using Runner.Kernel.Data;
namespace Runner.Payments.Settings;

/// <summary>Capture on placement (automatic: authorize and capture at once) or later by staff (manual).</summary>
internal enum CaptureMode { Automatic, Manual }

/// <summary>
/// The one row of payment settings (table <c>payments_settings</c>, id 1). Until staff change something, no row exists
/// and <see cref="Defaults"/> apply.
/// </summary>
internal sealed class PaymentSettings : IVersioned
{
    public const int SingletonId = 1;
    public const string Sandbox = "sandbox", Manual = "manual";

    public int Id { get; set; } = SingletonId;
    /// <summary>Names of the enabled gateways: <c>sandbox</c>, <c>manual</c>, or a registered real gateway.</summary>
    public List<string> EnabledGateways { get; set; } = [];
    /// <summary>What the customer is told to do for a manual payment (bank details, cash on delivery).</summary>
    public string? ManualInstructions { get; set; }
    /// <summary>The sandbox's fee: a percentage in basis points (290 = 2.9 %) plus a fixed amount in minor units.</summary>
    public int FeePercentBasisPoints { get; set; }
    public long FeeFixedMinor { get; set; }
    public CaptureMode CaptureMode { get; set; }
    public int AuthorizationValidityDays { get; set; }
    public int UnclaimedAuthorizationMinutes { get; set; }
    public int FraudReviewThreshold { get; set; }
    public int FraudRefuseThreshold { get; set; }
    /// <summary>Attempts per hour (per card, email or IP) above which velocity rules add points.</summary>
    public int VelocityLimitPerHour { get; set; }
    /// <summary>A first order at or above this amount (store currency, minor units) adds points.</summary>
    public long HighValueMinor { get; set; }
    public List<string> DisposableEmailDomains { get; set; } = [];
    /// <summary>Standard Webhooks secrets (<c>whsec_…</c>) per gateway name.</summary>
    public Dictionary<string, string> WebhookSecrets { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Bumped by every change; the settings' ETag and their concurrency token.</summary>
    public long Version { get; set; }

    public static PaymentSettings Defaults() => new()
    {
        EnabledGateways = [Sandbox, Manual],
        ManualInstructions = "Pay by bank transfer; your order ships once the money arrives.",
        FeePercentBasisPoints = 290,
        FeeFixedMinor = 30,
        CaptureMode = CaptureMode.Manual,
        AuthorizationValidityDays = 7,
        UnclaimedAuthorizationMinutes = 15,
        FraudReviewThreshold = 50,
        FraudRefuseThreshold = 80,
        VelocityLimitPerHour = 5,
        HighValueMinor = 100_000,
        DisposableEmailDomains =
        [
            "mailinator.com", "guerrillamail.com", "guerrillamail.net", "10minutemail.com", "tempmail.com", "temp-mail.org",
            "yopmail.com", "trashmail.com", "sharklasers.com", "getnada.com", "dispostable.com", "maildrop.cc",
            "throwawaymail.com", "fakeinbox.com", "mailnesia.com", "mintemail.com", "spamgourmet.com", "mohmal.com",
            "emailondeck.com", "tempail.com",
        ],
    };

    /// <summary>The fee the sandbox charges on <paramref name="minor"/> (see <see cref="Gateways.FeeModel"/>).</summary>
    public Gateways.FeeModel Fees => new(FeePercentBasisPoints, FeeFixedMinor);
}
