using System.Text;
using Runner.Catalog.Contracts;
using Runner.Kernel;

namespace Runner.Bench.Catalog;

/// <summary>
/// A deterministic catalog: product <c>i</c> is the same for a given seed whatever the catalog's size, so the load
/// scenarios can name handles and words without asking the database. One product in twenty is a draft (not on the
/// storefront); the others are active on the default channel.
/// </summary>
internal sealed class ProductGenerator
{
    public const string Currency = "USD";
    private readonly int _seed;
    private readonly int[] _titles;

    public ProductGenerator(int seed, int products)
    {
        var combos = CatalogWords.Adjectives.Length * CatalogWords.Materials.Length * CatalogWords.Nouns.Length;
        if (products > combos) throw new ArgumentException($"At most {combos} products have distinct titles.");
        _seed = seed;
        _titles = Enumerable.Range(0, combos).ToArray();
        new Random(seed).Shuffle(_titles);
        Count = products;
    }

    public int Count { get; }

    public static bool IsActive(int i) => i % 20 != 19;

    public string Title(int i)
    {
        var t = _titles[i];
        var nouns = CatalogWords.Nouns.Length;
        var materials = CatalogWords.Materials.Length;
        return $"{CatalogWords.Adjectives[t / (nouns * materials)]} {CatalogWords.Materials[t / nouns % materials]} {CatalogWords.Nouns[t % nouns]}";
    }

    public string Handle(int i) => Title(i).ToLowerInvariant().Replace(' ', '-');

    public static string Sku(int i, int size) => $"RB{i:D6}-{CatalogWords.Sizes[size][0]}";

    /// <summary>The tags of product <c>i</c> (2 to 5 of the 60), also what the rule-based collections look at.</summary>
    public string[] Tags(int i)
    {
        var random = RandomFor(i, salt: 1);
        var count = random.Next(2, 6);
        var picked = new HashSet<int>();
        while (picked.Count < count) picked.Add(random.Next(CatalogWords.Tags.Length));
        return [.. picked.Order().Select(t => CatalogWords.Tags[t])];
    }

    public CreateProductRequest Product(int i)
    {
        var random = RandomFor(i, salt: 0);
        var title = Title(i);
        var handle = Handle(i);
        var tags = Tags(i);
        var basePrice = random.Next(500, 20_001);
        var onSale = tags.Contains("sale");
        var variants = new VariantInput[CatalogWords.Sizes.Length];
        for (var s = 0; s < variants.Length; s++)
        {
            var price = Math.Min(20_000, basePrice + s * (basePrice / 20));
            variants[s] = new VariantInput(
                Sku(i, s),
                new Dictionary<string, string> { ["Size"] = CatalogWords.Sizes[s] },
                new Money(price, Currency),
                Barcode: $"{400_000_000_000 + (long)i * 3 + s}",
                CompareAtPrice: onSale ? new Money(price * 5 / 4, Currency) : null,
                Cost: new Money(price * random.Next(35, 61) / 100, Currency),
                Weight: new WeightInput(Math.Round((decimal)(0.1 + random.NextDouble() * 2), 2), "kg"));
        }
        var media = Enumerable.Range(1, random.Next(1, 4))
            .Select(k => new MediaInput($"https://cdn.example.com/runner-bench/{handle}-{k}.jpg", $"{title}, view {k}"))
            .ToList();
        return new CreateProductRequest(
            title,
            IsActive(i) ? ProductStatus.Active : ProductStatus.Draft,
            variants,
            Handle: handle,
            Description: Description(title, random),
            Vendor: CatalogWords.Vendors[random.Next(CatalogWords.Vendors.Length)],
            ProductType: CatalogWords.ProductTypes[random.Next(CatalogWords.ProductTypes.Length)],
            Tags: tags,
            Media: media,
            SeoTitle: $"{title} | Runner Bench Store",
            Options: [new OptionInput("Size", CatalogWords.Sizes)]);
    }

    /// <summary>An HTML description of roughly 400 to 800 characters: a paragraph, a second one and a feature list.</summary>
    private static string Description(string title, Random random)
    {
        var material = title.Split(' ')[1].ToLowerInvariant();
        var html = new StringBuilder(900);
        html.Append("<p>").Append(Pick(CatalogWords.Openings, random)).Append(" The ").Append(title)
            .Append(" is made from carefully chosen ").Append(material).Append(".</p><p>");
        var details = CatalogWords.Details.OrderBy(_ => random.Next()).Take(random.Next(3, 6));
        html.AppendJoin(' ', details).Append("</p><ul>");
        foreach (var feature in CatalogWords.Features.OrderBy(_ => random.Next()).Take(random.Next(3, 6)))
            html.Append("<li>").Append(feature).Append("</li>");
        return html.Append("</ul>").ToString();
    }

    private static string Pick(string[] words, Random random) => words[random.Next(words.Length)];

    // HashCode.Combine is randomised per process; this mix is the same on every run.
    private Random RandomFor(int i, int salt) => new(unchecked((_seed * 1_000_003) ^ (i * 7919) ^ (salt * 104_729)));
}
