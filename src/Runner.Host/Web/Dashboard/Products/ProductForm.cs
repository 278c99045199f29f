using Runner.Host.Web.Shared;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Host.Web.Api;
using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Products;

/// <summary>
/// The product form as posted: text as typed (amounts in major units, tags and option values comma-separated, a
/// variant's option values joined by "/"), turned into the admin API's body by <see cref="ToBody"/>.
/// </summary>
public sealed class ProductForm
{
    public const int BlankMedia = 2, BlankOptions = 1;

    public string? Title { get; set; }
    public string? Handle { get; set; }
    public string? Status { get; set; }
    public string? Description { get; set; }
    public string? Vendor { get; set; }
    public string? ProductType { get; set; }
    public string? Tags { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    /// <summary>The product's version when the form was shown: a save over someone else's change is refused.</summary>
    public long Version { get; set; }
    public List<MediaRow> Media { get; set; } = [];
    public List<OptionRow> Options { get; set; } = [];
    public List<VariantRow> Variants { get; set; } = [];

    public sealed class MediaRow { public string? Url { get; set; } public string? Alt { get; set; } }

    public sealed class OptionRow { public string? Name { get; set; } public string? Values { get; set; } }

    public sealed class VariantRow
    {
        public Guid? Id { get; set; }
        public string? Sku { get; set; }
        public string? Options { get; set; }
        public string? Price { get; set; }
        public string? CompareAt { get; set; }
        public string? Cost { get; set; }
        public string? Policy { get; set; }

        public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Sku) && string.IsNullOrWhiteSpace(Price) && string.IsNullOrWhiteSpace(Options);
    }

    /// <summary>An empty form for a new product, with a few blank rows.</summary>
    public static ProductForm New() => new ProductForm { Status = "draft" }.WithBlankRows(3);

    /// <summary>The form as it shows <paramref name="p"/>, live variants only, with blank rows to add more.</summary>
    public static ProductForm From(ProductDetail p) => new ProductForm
    {
        Title = p.Title, Handle = p.Handle, Status = p.Status, Description = p.Description, Vendor = p.Vendor, ProductType = p.ProductType,
        Tags = string.Join(", ", p.Tags), SeoTitle = p.SeoTitle, SeoDescription = p.SeoDescription, Version = p.Version,
        Media = [.. p.Media.OrderBy(m => m.Position).Select(m => new MediaRow { Url = m.Url, Alt = m.Alt })],
        Options = [.. p.Options.Select(o => new OptionRow { Name = o.Name, Values = string.Join(", ", o.Values) })],
        Variants = [.. p.LiveVariants.Select(v => new VariantRow
        {
            Id = v.Id, Sku = v.Sku, Price = Amounts.Major(v.Price), CompareAt = Amounts.Major(v.CompareAtPrice), Cost = Amounts.Major(v.Cost),
            Policy = v.InventoryPolicy, Options = string.Join(" / ", p.Options.Select(o => v.Options.GetValueOrDefault(o.Name) ?? "")),
        })],
    }.WithBlankRows(1);

    /// <summary>Adds an image after the ones filled in (an upload's address), unless it is there already.</summary>
    public void AddImage(string url)
    {
        var filled = (Media ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Url)).ToList();
        if (filled.All(m => m.Url!.Trim() != url)) filled.Add(new MediaRow { Url = url });
        Media = filled;
        WithBlankRows(0);
    }

    /// <summary>Pads the lists with blank rows (to add images, options, variants), also on a form posted back.</summary>
    public ProductForm WithBlankRows(int blankVariants)
    {
        // A list with no row posted binds as null.
        Media ??= [];
        Options ??= [];
        Variants ??= [];
        while (Media.Count(m => string.IsNullOrWhiteSpace(m.Url)) < BlankMedia) Media.Add(new MediaRow());
        while (Options.Count(o => string.IsNullOrWhiteSpace(o.Name)) < BlankOptions || Options.Count < 2) Options.Add(new OptionRow());
        while (Variants.Count(v => v.IsBlank) < blankVariants) Variants.Add(new VariantRow());
        return this;
    }

    /// <summary>
    /// The body of <c>POST /admin/products</c> or of the merge patch of <c>PATCH /admin/products/{id}</c> (every field,
    /// cleared ones as null). Existing variants keep what the form does not show (barcode, weight, other currencies'
    /// prices…) from <paramref name="current"/>. Null, with <paramref name="error"/>, when the form cannot be read.
    /// </summary>
    public JsonObject? ToBody(string currency, ProductDetail? current, out string? error)
    {
        error = null;
        var options = Options.Where(o => !string.IsNullOrWhiteSpace(o.Name))
            .Select(o => (Name: o.Name!.Trim(), Values: Split(o.Values, ','))).ToList();
        if (options.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            error = $"Option '{twice.Key}' appears twice.";
            return null;
        }
        var variants = new JsonArray();
        var rows = Variants.Where(v => !v.IsBlank).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var what = $"Variant {(string.IsNullOrWhiteSpace(row.Sku) ? i + 1 : row.Sku.Trim())}";
            var values = OptionValues(row.Options, options.Count);
            if (values.Count != options.Count)
            {
                error = options.Count == 0
                    ? $"{what}: the product has no options, so leave its options empty."
                    : $"{what}: give one value for each option, in order, separated by \" / \": {string.Join(" / ", options.Select(o => o.Name))}.";
                return null;
            }
            if (!Amounts.TryParse(row.Price, currency, $"{what} price", out var price, out error)
                || !Amounts.TryParse(row.CompareAt, currency, $"{what} compare-at price", out var compareAt, out error)
                || !Amounts.TryParse(row.Cost, currency, $"{what} cost", out var cost, out error)) return null;
            if (price is null)
            {
                error = $"{what}: give a price.";
                return null;
            }
            var variant = row.Id is { } id && current?.Variants.FirstOrDefault(v => v.Id == id) is { } before
                ? Keep(before) : new JsonObject { ["requiresShipping"] = true };
            variant["sku"] = row.Sku?.Trim() ?? "";
            variant["options"] = new JsonObject(options.Select((o, j) => KeyValuePair.Create(o.Name, (JsonNode?)values[j])));
            variant["price"] = Node(price);
            variant["compareAtPrice"] = Node(compareAt);
            variant["cost"] = Node(cost);
            variant["inventoryPolicy"] = row.Policy == "continue" ? "continue" : "deny";
            variants.Add(variant);
        }
        var body = new JsonObject
        {
            ["title"] = Title?.Trim() ?? "",
            ["status"] = Status,
            ["description"] = Description ?? "",
            ["vendor"] = Blank(Vendor),
            ["productType"] = Blank(ProductType),
            ["tags"] = new JsonArray([.. Split(Tags, ',').Select(t => (JsonNode?)t)]),
            ["seoTitle"] = Blank(SeoTitle),
            ["seoDescription"] = Blank(SeoDescription),
            ["media"] = new JsonArray([.. Media.Where(m => !string.IsNullOrWhiteSpace(m.Url))
                .Select(m => (JsonNode?)new JsonObject { ["url"] = m.Url!.Trim(), ["alt"] = Blank(m.Alt) })]),
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode?)new JsonObject
                { ["name"] = o.Name, ["values"] = new JsonArray([.. o.Values.Select(x => (JsonNode?)x)]) })]),
            ["variants"] = variants,
        };
        // A blank handle keeps the product's own (or, for a new product, derives one from the title).
        if (Blank(Handle) is { } handle) body["handle"] = handle;
        return body;
    }

    /// <summary>An existing variant as the API shows it, minus what the form sets: the fields the form leaves alone.</summary>
    private static JsonObject Keep(VariantDetail v) => new()
    {
        ["id"] = v.Id,
        ["barcode"] = v.Barcode,
        ["prices"] = JsonSerializer.SerializeToNode(v.Prices, ApiClient.Json),
        ["weight"] = v.Weight is { } w ? new JsonObject { ["value"] = w.Value, ["unit"] = w.Unit } : null,
        ["requiresShipping"] = v.RequiresShipping,
        ["taxCategory"] = v.TaxCategory,
    };

    public static JsonNode? Node(Money? money) => money is { } m ? new JsonObject { ["amount"] = m.Minor, ["currency"] = m.Currency } : null;

    /// <summary>
    /// A variant's option values: separated by " / ", or by a bare "/" when that gives the right count (so "S/M / Red"
    /// is two values, and so is "Red/L").
    /// </summary>
    private static List<string> OptionValues(string? text, int count)
    {
        var spaced = (text ?? "").Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return spaced.Count == count ? spaced : Split(text, '/') is var bare && bare.Count == count ? bare : spaced;
    }

    private static List<string> Split(string? text, char separator) =>
        [.. (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
