using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Inventory.Locations;

/// <summary>A place that holds stock (table <c>inventory_locations</c>). Archived, never deleted: the ledger refers to it.</summary>
internal sealed class Location : IAudited
{
    public LocationId Id { get; set; }
    public required string Name { get; set; }
    public LocationKind Kind { get; set; }
    /// <summary>Lower is drawn from first when a reservation names no location.</summary>
    public int Priority { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryCode { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<LocationChannel> Channels { get; set; } = [];

    public LocationAddress? Address => CountryCode is null ? null
        : new LocationAddress(CountryCode, AddressLine1, AddressLine2, City, Region, PostalCode);
}

/// <summary>A sales channel the location fulfils (table <c>inventory_location_channels</c>).</summary>
internal sealed class LocationChannel
{
    public LocationId LocationId { get; set; }
    public ChannelId ChannelId { get; set; }
}
