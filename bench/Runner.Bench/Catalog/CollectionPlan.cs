using Runner.Catalog.Collections;

namespace Runner.Bench.Catalog;

/// <summary>A rule-based collection: one tag or one product type, optionally under a department.</summary>
internal sealed record RuledCollection(string Title, RuleField Field, string Value, string? Department = null);

/// <summary>A hand-picked collection: every <see cref="Stride"/>-th active product from <see cref="Offset"/>.</summary>
internal sealed record ManualCollection(string Title, int Offset, int Stride, string? Department = null);

/// <summary>
/// The 40 collections of the generated store: 6 departments (top level, ordered by title), 12 product-type
/// collections nested under them, 14 tag collections, and 8 hand-picked collections (2 of them nested).
/// Rule-based ones exist before the products, so each product joins them as it is written.
/// </summary>
internal static class CollectionPlan
{
    public const int MaxManualProducts = 5_000;

    public static readonly string[] Departments = ["Clothing", "Home", "Kitchen", "Accessories", "Outdoor", "Gifts"];

    public static readonly RuledCollection[] Ruled =
    [
        new("Shirts", RuleField.Type, "Shirts", "Clothing"),
        new("Knitwear", RuleField.Type, "Knitwear", "Clothing"),
        new("Blankets", RuleField.Type, "Blankets", "Home"),
        new("Rugs", RuleField.Type, "Rugs", "Home"),
        new("Mugs", RuleField.Type, "Mugs", "Kitchen"),
        new("Tableware", RuleField.Type, "Tableware", "Kitchen"),
        new("Bags", RuleField.Type, "Bags", "Accessories"),
        new("Hats", RuleField.Type, "Hats", "Accessories"),
        new("Footwear", RuleField.Type, "Footwear", "Outdoor"),
        new("Travel Gear", RuleField.Type, "Travel", "Outdoor"),
        new("Gift Sets", RuleField.Type, "Gift Sets", "Gifts"),
        new("Candles", RuleField.Type, "Candles", "Gifts"),
        new("Summer Edit", RuleField.Tag, "summer"),
        new("Winter Warmers", RuleField.Tag, "winter"),
        new("On Sale", RuleField.Tag, "sale"),
        new("Bestsellers", RuleField.Tag, "bestseller"),
        new("New Arrivals", RuleField.Tag, "new-arrival"),
        new("Gift Ideas", RuleField.Tag, "gift"),
        new("Eco Choices", RuleField.Tag, "eco"),
        new("Handmade", RuleField.Tag, "handmade"),
        new("Outdoor Living", RuleField.Tag, "outdoor"),
        new("Kitchen Favourites", RuleField.Tag, "kitchen"),
        new("Travel Light", RuleField.Tag, "travel"),
        new("For Kids", RuleField.Tag, "kids"),
        new("Minimal Style", RuleField.Tag, "minimal"),
        new("Premium Picks", RuleField.Tag, "premium"),
    ];

    public static readonly ManualCollection[] Manual =
    [
        new("Staff Picks", 0, 37),
        new("Editor's Choice", 5, 53),
        new("Under the Tree", 11, 29),
        new("Back in Stock", 3, 41),
        new("Most Wished For", 17, 61),
        new("Weekend Reads", 23, 71),
        new("Clothing Highlights", 2, 47, "Clothing"),
        new("Home Highlights", 7, 43, "Home"),
    ];

    public static int Count => Departments.Length + Ruled.Length + Manual.Length;

    public static string HandleOf(string title) =>
        new string([.. title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')])
            .Replace("--", "-").Trim('-');

    public static IEnumerable<string> Handles() =>
        Departments.Concat(Ruled.Select(r => r.Title)).Concat(Manual.Select(m => m.Title)).Select(HandleOf);

    /// <summary>The active products a manual collection holds, in its manual order (capped by the API's limit).</summary>
    public static List<int> Members(ManualCollection c, int products) =>
        [.. Enumerable.Range(0, products).Where(i => i % c.Stride == c.Offset % c.Stride && ProductGenerator.IsActive(i)).Take(MaxManualProducts)];
}
