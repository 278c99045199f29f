using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Settings;

// The admin API's settings answers, as far as the settings pages read (and send back) them.

public sealed record StoreInfo(string Name, string DefaultCurrency, IReadOnlyList<string> EnabledCurrencies, string TimeZone,
    bool PricesIncludeTax, string WeightUnit, string OrderNumberPrefix, string? ContactEmail, DateTimeOffset UpdatedAt, long Version = 0);

public sealed record TaxRateRow(string Category, string Name, decimal Percentage);

public sealed record TaxZoneRow(Guid Id, string Country, string? Region, string? Name, IReadOnlyList<TaxRateRow> Rates,
    DateTimeOffset UpdatedAt, string UpdatedBy, long Version = 0);

public sealed record TaxOverview(bool PricesIncludeTax, string Rules, IReadOnlyList<TaxZoneRow> Zones);

public sealed record ShippingAreaRow(string Country, string? Region = null, IReadOnlyList<string>? PostalCodes = null);

public sealed record RateBandRow(long From, Money Price, long? To);

/// <summary>A rate as the API answers it and takes it back (with its id, so that it keeps it).</summary>
public sealed record ShippingRateRow(string Name, string Kind, Guid? Id = null, string? Carrier = null, string? Service = null,
    int? MinDays = null, int? MaxDays = null, Money? EstimatedCost = null, Money? Price = null, Money? FreeAbove = null,
    IReadOnlyList<RateBandRow>? Bands = null);

public sealed record ShippingZoneRow(Guid Id, string Name, IReadOnlyList<ShippingAreaRow> Areas, IReadOnlyList<ShippingRateRow> Rates,
    long Version = 0);

public sealed record ShippingZoneItems(IReadOnlyList<ShippingZoneRow> Items);

public sealed record FeeModel(int PercentBasisPoints, long FixedAmount);

public sealed record ManualMethod(bool Enabled, string? Instructions);

public sealed record FraudRules(int ReviewThreshold, int RefuseThreshold, int VelocityLimitPerHour, long HighValueAmount,
    IReadOnlyList<string> DisposableEmailDomains);

public sealed record PaymentSettingsView(bool SandboxEnabled, ManualMethod Manual, IReadOnlyList<string> Gateways,
    IReadOnlyList<string> AvailableGateways, FeeModel Fees, string CaptureMode, int AuthorizationValidityDays,
    int UnclaimedAuthorizationMinutes, FraudRules Fraud, IReadOnlyList<string> WebhookGateways, DateTimeOffset? UpdatedAt, long Version);

public sealed record StaffRow(Guid Id, string Email, string Name, string Role, string Status, bool MfaEnabled, DateTimeOffset InvitedAt,
    DateTimeOffset? ActivatedAt);

public sealed record RoleRow(string Key, string Name, string? Description, IReadOnlyList<string> Permissions, bool BuiltIn);

public sealed record ApiKeyRow(Guid Id, string Name, string Kind, string Prefix, string? Token, Guid? ChannelId, IReadOnlyList<string> Permissions,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record CreatedApiKey(ApiKeyRow ApiKey, string Key);

public sealed record AuditRow(Guid Id, DateTimeOffset At, string ActorKind, string ActorId, string? ActorName, string? Ip, string Method,
    string Path, string? Action, int Status);

public sealed record CurrencyRateRow(string Code, string Name, int Decimals, decimal Rate, decimal InverseRate, bool IsDefault);

public sealed record CurrencySettingsView(string DefaultCurrency, IReadOnlyList<CurrencyRateRow> Currencies, DateTimeOffset UpdatedAt, string UpdatedBy,
    long Version = 0);

/// <summary>What <c>PUT /admin/settings/currencies</c> takes: every enabled currency with its rate (1 for the default).</summary>
public sealed record CurrencyRateInputRow(string Code, decimal Rate);
