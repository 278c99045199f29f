using Runner.Kernel.Ids;
using Runner.Kernel.Results;

namespace Runner.Pricing.Contracts;

public readonly record struct TaxZoneId(Guid Value) : ITypedId<TaxZoneId>
{
    public static TaxZoneId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>A tax zone as the admin sends it. <c>rates</c> is the whole list: a PATCH that names it replaces it.</summary>
public sealed record TaxZoneInput(string Country, IReadOnlyList<TaxRateInput> Rates, string? Region = null, string? Name = null);

/// <summary>A tax of a zone: the category it applies to (standard, reduced, gift-card, shipping or the merchant's
/// own), the name shoppers see and the percentage (0–100, at most 4 decimals: 8.875).</summary>
public sealed record TaxRateInput(string Category, string Name, decimal Percentage);

/// <summary>A tax zone; <see cref="Version"/> is also its ETag (<c>"7"</c>), for <c>If-Match</c> on a change.</summary>
public sealed record TaxZoneResponse(TaxZoneId Id, string Country, string? Region, string? Name,
    IReadOnlyList<TaxRateInput> Rates, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version);

public sealed record TaxZoneList(IReadOnlyList<TaxZoneResponse> Items);

/// <summary>
/// The tax settings page at a glance: whether the store's prices include tax (changed through <c>PATCH /admin/store</c>),
/// how tax is computed and rounded, and every zone (changed under <c>/admin/settings/taxes/zones</c>).
/// </summary>
public sealed record TaxSettingsResponse(bool PricesIncludeTax, string Rules, IReadOnlyList<TaxZoneResponse> Zones);

/// <summary>Tax settings for code inside the engine (the demo seed, imports): the admin API's rules, stamped with the
/// current actor.</summary>
public interface ITaxZones
{
    Task<Result<TaxZoneResponse>> CreateAsync(TaxZoneInput input, CancellationToken ct = default);
    Task<IReadOnlyList<TaxZoneResponse>> ListAsync(CancellationToken ct = default);
}
