using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Store.Channels;

/// <summary>Where the store sells: the online store, a marketplace, a second storefront (table <c>store_channels</c>).</summary>
internal sealed class SalesChannel : AuditedEntity
{
    public ChannelId Id { get; set; }
    public required string Name { get; set; }
    public required string Handle { get; set; }
    public bool IsDefault { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public ChannelView ToView() => new(Id, Name, Handle, IsDefault);
}
