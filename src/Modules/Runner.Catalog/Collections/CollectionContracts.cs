using Runner.Catalog.Contracts;

namespace Runner.Catalog.Collections;

/// <summary>The body of <c>POST /admin/collections</c> (and what a PATCH merges into).</summary>
public sealed record CollectionRequest(
    string Title,
    CollectionKind Kind = CollectionKind.Manual,
    string? Handle = null,
    string? Description = null,
    IReadOnlyList<CollectionRule>? Rules = null,
    bool MatchAll = true,
    CollectionId? ParentId = null,
    int? Position = null,
    CollectionSort? SortOrder = null,
    string? ImageUrl = null,
    string? SeoTitle = null,
    string? SeoDescription = null,
    IReadOnlyList<ProductId>? ProductIds = null);

public sealed record CollectionResponse(
    CollectionId Id,
    string Title,
    string Handle,
    string Description,
    CollectionKind Kind,
    IReadOnlyList<CollectionRule> Rules,
    bool MatchAll,
    CollectionId? ParentId,
    int Position,
    CollectionSort SortOrder,
    string? ImageUrl,
    string? SeoTitle,
    string? SeoDescription,
    int ProductCount,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);

/// <summary>A collection as storefronts see it, with its children's handles for navigation.</summary>
public sealed record StoreCollection(
    CollectionId Id,
    string Title,
    string Handle,
    string Description,
    CollectionId? ParentId,
    int Position,
    string? ImageUrl,
    string SeoTitle,
    string? SeoDescription);
