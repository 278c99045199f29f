using Runner.Kernel.Data;
using Runner.Pricing.Contracts;

namespace Runner.Pricing.Taxes;

/// <summary>
/// A country, or one region of it, and its tax rates per category (table <c>pricing_tax_zones</c>). A region zone
/// adds its rates to its country zone's: the US zone may hold nothing (or 0 %) and <c>US-CA</c> the state's tax.
/// </summary>
internal sealed class TaxZone : AuditedEntity, IVersioned
{
    public TaxZoneId Id { get; set; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; set; }
    /// <summary>The region as the merchant wrote it (trimmed); null for the whole country.</summary>
    public string? Region { get; set; }
    /// <summary>The region's match key (<see cref="Kernel.Reference.Regions.Key"/>); empty for the whole country. Unique with the country.</summary>
    public string RegionKey { get; set; } = "";
    public string? Name { get; set; }
    public List<TaxRate> Rates { get; set; } = [];
    /// <summary>Goes up with every change of the zone or its rates: its ETag, and the check of a concurrent change.</summary>
    public long Version { get; set; }
}

/// <summary>One tax of a zone for one category (table <c>pricing_tax_rates</c>).</summary>
internal sealed class TaxRate
{
    public Guid Id { get; set; }
    public TaxZoneId ZoneId { get; set; }
    public required string Category { get; set; }
    public required string Name { get; set; }
    /// <summary>A percentage with at most 4 decimals (8.875 means 8.875 %).</summary>
    public decimal Percentage { get; set; }
    public int Position { get; set; }
}
