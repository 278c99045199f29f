using Runner.Catalog.Contracts;
using Runner.Kernel.Data;

namespace Runner.Catalog.Products;

/// <summary>
/// One sellable combination of option values (table <c>catalog_variants</c>). Amounts are minor units of the
/// store's default currency (<see cref="Currency"/>); other currencies' prices are in <see cref="Prices"/>.
/// Archived, never deleted: orders refer to variants.
/// </summary>
internal sealed class Variant : AuditedEntity
{
    public VariantId Id { get; set; }
    public ProductId ProductId { get; set; }
    public required string Sku { get; set; }
    public string? Barcode { get; set; }
    /// <summary>The variant's value for each option, in option order.</summary>
    public List<string> OptionValues { get; set; } = [];
    /// <summary>The values joined, unique per product among live variants.</summary>
    public string OptionKey { get; set; } = "";
    public string Title { get; set; } = "";
    public long Price { get; set; }
    public long? CompareAtPrice { get; set; }
    public long? Cost { get; set; }
    public required string Currency { get; set; }
    public decimal? WeightValue { get; set; }
    public string? WeightUnit { get; set; }
    public bool RequiresShipping { get; set; } = true;
    public string? TaxCategory { get; set; }
    public InventoryPolicy InventoryPolicy { get; set; }
    public int Position { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public List<VariantPrice> Prices { get; set; } = [];

    public const char KeySeparator = '\u001f';

    public static string KeyOf(IEnumerable<string> values) => string.Join(KeySeparator, values);
}

/// <summary>A variant's price in another enabled currency, set by the merchant instead of converted.</summary>
internal sealed class VariantPrice
{
    public VariantId VariantId { get; set; }
    public required string Currency { get; set; }
    public long Amount { get; set; }
    public long? CompareAtAmount { get; set; }
}
