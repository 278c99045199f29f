using Runner.Kernel;
using Runner.Kernel.Ids;

namespace Runner.Store.Contracts;

public readonly record struct ChannelId(Guid Value) : ITypedId<ChannelId>
{
    public static ChannelId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>The store's settings as other modules read them.</summary>
public sealed record StoreSettingsView(
    string Name,
    string DefaultCurrency,
    IReadOnlyList<string> EnabledCurrencies,
    IReadOnlyDictionary<string, decimal> ExchangeRates,
    string TimeZone,
    bool PricesIncludeTax,
    string WeightUnit,
    string OrderNumberPrefix,
    string? ContactEmail)
{
    /// <summary>When the settings (among them the exchange rates) last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsEnabled(string currency) => EnabledCurrencies.Contains(currency);

    /// <summary>
    /// Presents a default-currency amount in <paramref name="currency"/> at the configured rate (rounded once, in
    /// <see cref="Rounding"/>). The default currency comes back unchanged.
    /// </summary>
    public Money Convert(Money amount, string currency)
    {
        if (amount.Currency == currency) return amount;
        if (amount.Currency != DefaultCurrency || !ExchangeRates.TryGetValue(currency, out var rate))
            throw new InvalidOperationException($"No exchange rate from {amount.Currency} to {currency}.");
        return amount.ConvertTo(currency, rate);
    }
}

public sealed record ChannelView(ChannelId Id, string Name, string Handle, bool IsDefault);

/// <summary>
/// A live channel's web settings: the origins its storefront's pages run on (canonical <c>scheme://host[:port]</c>)
/// and its passkey relying-party id (null: the host of the first origin).
/// </summary>
public sealed record StorefrontWeb(ChannelId Channel, bool IsDefault, IReadOnlyList<string> Origins, string? RelyingPartyId);

/// <summary>Reads store settings and sales channels.</summary>
public interface IStoreQueries
{
    Task<StoreSettingsView> GetSettingsAsync(CancellationToken ct = default);
    Task<ChannelView> GetDefaultChannelAsync(CancellationToken ct = default);
    /// <summary>The channels with these ids that exist and are not archived.</summary>
    Task<IReadOnlyList<ChannelView>> FindChannelsAsync(IReadOnlyCollection<ChannelId> ids, CancellationToken ct = default);
    Task<IReadOnlyList<ChannelView>> ListChannelsAsync(CancellationToken ct = default);
    /// <summary>The web settings of every live channel, from memory (CORS reads them on every cross-origin request).</summary>
    Task<IReadOnlyList<StorefrontWeb>> ListStorefrontWebAsync(CancellationToken ct = default);
}

/// <summary>
/// Lets another module veto a change of the default currency (the catalog does once variants are priced in it).
/// Returns an error to refuse, or null to allow.
/// </summary>
public interface IDefaultCurrencyGuard
{
    Task<Kernel.Results.Error?> CheckAsync(string from, string to, CancellationToken ct);
}
