using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Catalog.Contracts;

public sealed record OptionResponse(string Name, IReadOnlyList<string> Values);

public sealed record MediaResponse(string Url, string? Alt, int Position);

public sealed record WeightResponse(decimal Value, string Unit);

public sealed record VariantResponse(
    VariantId Id,
    string Sku,
    string Title,
    string? Barcode,
    IReadOnlyDictionary<string, string> Options,
    Money Price,
    IReadOnlyList<Money> Prices,
    Money? CompareAtPrice,
    Money? Cost,
    WeightResponse? Weight,
    bool RequiresShipping,
    string? TaxCategory,
    InventoryPolicy InventoryPolicy,
    int Position,
    DateTimeOffset? ArchivedAt);

/// <summary>A product as the admin API shows it (every field, archived variants included).</summary>
public sealed record ProductResponse(
    ProductId Id,
    string Title,
    string Handle,
    string Description,
    ProductStatus Status,
    string? Vendor,
    string? ProductType,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MediaResponse> Media,
    string? SeoTitle,
    string? SeoDescription,
    IReadOnlyList<OptionResponse> Options,
    IReadOnlyList<VariantResponse> Variants,
    IReadOnlyList<ChannelId> Channels,
    IReadOnlyList<CollectionId> Collections,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);
