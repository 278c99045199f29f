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
    /// <summary>
    /// The web origins (<c>https://shop.example.com</c>) the channel's storefront runs on: browsers there may call the
    /// store API (CORS) and use passkeys. Normalised by <see cref="WebOrigins"/>.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
    /// <summary>The WebAuthn relying-party id (a domain); null means the host of the first allowed origin.</summary>
    public string? RelyingPartyId { get; set; }

    public ChannelView ToView() => new(Id, Name, Handle, IsDefault);
}
