using Runner.Catalog.Contracts;
using Runner.Kernel.Data;

namespace Runner.Catalog.Collections;

public enum CollectionKind { Manual, Rule }

/// <summary>How a collection orders its products when the storefront asks for no other order.</summary>
public enum CollectionSort { Manual, TitleAsc, TitleDesc, PriceAsc, PriceDesc, Newest }

public enum RuleField { Tag, Type, Vendor, Price, Title }

public enum RuleRelation { Equals, NotEquals, Contains, GreaterThan, LessThan }

/// <summary>One condition of a rule-based collection: "tag equals summer", "price less than 5000".</summary>
public sealed record CollectionRule(RuleField Field, RuleRelation Relation, string Value);

/// <summary>
/// A collection (table <c>catalog_collections</c>): manual (a chosen, ordered list) or rule-based (products that
/// match its rules, kept up to date as products change). Collections nest under a parent to form categories.
/// </summary>
internal sealed class Collection : AuditedEntity, IVersioned
{
    public CollectionId Id { get; set; }
    public required string Title { get; set; }
    public required string Handle { get; set; }
    public string DescriptionHtml { get; set; } = "";
    public CollectionKind Kind { get; set; }
    public List<CollectionRule> Rules { get; set; } = [];
    /// <summary>True: a product must match every rule; false: any rule.</summary>
    public bool MatchAll { get; set; } = true;
    public CollectionId? ParentId { get; set; }
    public int Position { get; set; }
    public CollectionSort SortOrder { get; set; }
    public string? ImageUrl { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A product's membership of a collection, with its manual position (table <c>catalog_collection_products</c>).</summary>
internal sealed class CollectionProduct
{
    public CollectionId CollectionId { get; set; }
    public ProductId ProductId { get; set; }
    public int Position { get; set; }
}
