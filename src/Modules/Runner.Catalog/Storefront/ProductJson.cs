using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Catalog.Storefront;

/// <summary>
/// A product's storefront JSON in one currency, serialised once and cut where the per-request values go (each
/// variant's <c>available</c> and <c>availableForSale</c>, and the product's <c>availableForSale</c>). Answering a
/// list then costs copying bytes and writing a few numbers, instead of serialising forty kilobytes per request. The
/// result is the <see cref="StoreProduct"/> shape, with <c>variants</c> and <c>availableForSale</c> last.
/// </summary>
internal sealed class ProductJson
{
    private static readonly byte[] VariantsStart = ",\"variants\":["u8.ToArray();
    private static readonly byte[] AvailableKey = ",\"available\":"u8.ToArray();
    private static readonly byte[] ForSaleKey = ",\"availableForSale\":"u8.ToArray();
    private static readonly byte[] ProductForSaleKey = "],\"availableForSale\":"u8.ToArray();

    private ProductJson(byte[] head, (VariantId Id, bool KeepsSelling, byte[] Head)[] variants)
    {
        Head = head;
        Variants = variants;
    }

    /// <summary>The product's fields but variants and availability, without the closing brace.</summary>
    public byte[] Head { get; }

    /// <summary>Each variant's fields but availability, without the closing brace.</summary>
    public (VariantId Id, bool KeepsSelling, byte[] Head)[] Variants { get; }

    private sealed record HeadFields(ProductId Id, string Handle, string Title, string Description, string? Vendor, string? ProductType,
        IReadOnlyList<string> Tags, IReadOnlyList<MediaResponse> Media, IReadOnlyList<OptionResponse> Options, PriceRange? PriceRange,
        Seo Seo, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private sealed record VariantFields(VariantId Id, string Sku, string Title, IReadOnlyDictionary<string, string> Options, Money Price,
        Money? CompareAtPrice, bool RequiresShipping, WeightResponse? Weight);

    public static ProductJson Build(ProductDocument d, string currency, StoreSettingsView? settings, JsonSerializerOptions options)
    {
        var p = StoreProducts.Present(d, currency, settings, new Dictionary<VariantId, long>());
        var head = new HeadFields(p.Id, p.Handle, p.Title, p.Description, p.Vendor, p.ProductType, p.Tags, p.Media, p.Options,
            p.PriceRange, p.Seo, p.CreatedAt, p.UpdatedAt);
        var variants = p.Variants.Select((v, i) => (v.Id, d.Variants[i].InventoryPolicy == InventoryPolicy.Continue,
            Open(JsonSerializer.SerializeToUtf8Bytes(new VariantFields(v.Id, v.Sku, v.Title, v.Options, v.Price, v.CompareAtPrice,
                v.RequiresShipping, v.Weight), options)))).ToArray();
        return new ProductJson(Open(JsonSerializer.SerializeToUtf8Bytes(head, options)), variants);
    }

    /// <summary>An object's JSON without its closing brace, so more properties can follow.</summary>
    private static byte[] Open(byte[] json) => json[..^1];

    /// <summary>Writes the product with the units available of each variant.</summary>
    public void Write(IBufferWriter<byte> output, IReadOnlyDictionary<VariantId, long> available)
    {
        output.Write(Head);
        output.Write(VariantsStart);
        var anyForSale = false;
        for (var i = 0; i < Variants.Length; i++)
        {
            var (id, keepsSelling, head) = Variants[i];
            if (i > 0) output.Write(","u8);
            output.Write(head);
            var units = available.TryGetValue(id, out var a) ? a : 0;
            var forSale = units > 0 || keepsSelling;
            anyForSale |= forSale;
            output.Write(AvailableKey);
            WriteNumber(output, units);
            output.Write(ForSaleKey);
            output.Write(forSale ? "true}"u8 : "false}"u8);
        }
        output.Write(ProductForSaleKey);
        output.Write(anyForSale ? "true}"u8 : "false}"u8);
    }

    private static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }
}
