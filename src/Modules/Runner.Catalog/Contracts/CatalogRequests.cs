using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Catalog.Contracts;

public sealed record OptionInput(string Name, IReadOnlyList<string> Values);

public sealed record MediaInput(string Url, string? Alt = null, int? Position = null);

public sealed record WeightInput(decimal Value, string Unit);

/// <summary>A variant as a create (or a full replace) gives it; <see cref="Id"/> names an existing one on replace.</summary>
public sealed record VariantInput(
    string Sku,
    IReadOnlyDictionary<string, string> Options,
    Money Price,
    string? Barcode = null,
    IReadOnlyList<Money>? Prices = null,
    Money? CompareAtPrice = null,
    Money? Cost = null,
    WeightInput? Weight = null,
    bool? RequiresShipping = null,
    string? TaxCategory = null,
    InventoryPolicy? InventoryPolicy = null,
    VariantId? Id = null);

/// <summary>The body of <c>POST /admin/products</c>.</summary>
public sealed record CreateProductRequest(
    string Title,
    ProductStatus Status,
    IReadOnlyList<VariantInput> Variants,
    string? Handle = null,
    string? Description = null,
    string? Vendor = null,
    string? ProductType = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<MediaInput>? Media = null,
    string? SeoTitle = null,
    string? SeoDescription = null,
    IReadOnlyList<OptionInput>? Options = null,
    IReadOnlyList<ChannelId>? Channels = null);
