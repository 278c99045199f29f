using Runner.Identity.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Identity.ApiKeys;

public enum ApiKeyKind { Secret, Publishable }

/// <summary>
/// An API key (table <c>identity_api_keys</c>). Only a SHA-256 hash of the key is stored; a secret key is shown
/// once, when it is created. A publishable key is public by nature (it ships in storefront code), so its token is
/// also kept to be shown again.
/// </summary>
internal sealed class ApiKey : AuditedEntity
{
    public ApiKeyId Id { get; set; }
    public ApiKeyKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>The 8 characters after the prefix: find the row, then compare the hash in constant time.</summary>
    public required string Lookup { get; set; }
    public required byte[] SecretHash { get; set; }
    /// <summary>The publishable token itself (never set for secret keys).</summary>
    public string? Token { get; set; }
    public ChannelId? ChannelId { get; set; }
    public List<string> Permissions { get; set; } = [];
    public bool IsBootstrap { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
