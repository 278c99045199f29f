using Runner.Kernel.Data;

namespace Runner.Store.Settings;

/// <summary>The one row of store settings (table <c>store_settings</c>, id 1).</summary>
internal sealed class StoreSettings : AuditedEntity, IVersioned
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public required string Name { get; set; }
    public required string DefaultCurrency { get; set; }
    /// <summary>Enabled currencies, including the default one.</summary>
    public List<string> EnabledCurrencies { get; set; } = [];
    /// <summary>Units of each other enabled currency for one unit of the default currency.</summary>
    public Dictionary<string, decimal> ExchangeRates { get; set; } = [];
    public required string TimeZone { get; set; }
    public bool PricesIncludeTax { get; set; }
    public required string WeightUnit { get; set; }
    public required string OrderNumberPrefix { get; set; }
    public string? ContactEmail { get; set; }
    public long Version { get; set; }
}
