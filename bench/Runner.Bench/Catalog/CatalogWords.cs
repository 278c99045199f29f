namespace Runner.Bench.Catalog;

/// <summary>
/// The vocabulary of the generated catalog. Titles are "Adjective Material Noun" (60 × 45 × 50 = 135,000 distinct
/// titles, enough for the 100,000-product run); search terms are drawn from the same words.
/// </summary>
internal static class CatalogWords
{
    public static readonly string[] Adjectives =
    [
        "Classic", "Modern", "Vintage", "Rustic", "Urban", "Coastal", "Alpine", "Nordic", "Tailored", "Relaxed",
        "Everyday", "Weekend", "Heritage", "Essential", "Premium", "Lightweight", "Heavyweight", "Cropped", "Oversized", "Slim",
        "Quilted", "Brushed", "Washed", "Woven", "Knitted", "Ribbed", "Striped", "Checked", "Dotted", "Plain",
        "Bold", "Soft", "Sturdy", "Compact", "Foldable", "Packable", "Insulated", "Breathable", "Waterproof", "Reversible",
        "Handmade", "Organic", "Recycled", "Natural", "Dyed", "Faded", "Polished", "Matte", "Glossy", "Textured",
        "Midnight", "Sunset", "Harbor", "Meadow", "Canyon", "Forest", "Glacier", "Desert", "Autumn", "Spring",
    ];

    public static readonly string[] Materials =
    [
        "Linen", "Cotton", "Wool", "Merino", "Cashmere", "Silk", "Denim", "Canvas", "Leather", "Suede",
        "Flannel", "Corduroy", "Velvet", "Fleece", "Jersey", "Twill", "Poplin", "Chambray", "Tweed", "Hemp",
        "Bamboo", "Nylon", "Polyester", "Ceramic", "Stoneware", "Porcelain", "Glass", "Oak", "Walnut", "Maple",
        "Teak", "Birch", "Cedar", "Brass", "Copper", "Steel", "Iron", "Marble", "Granite", "Rattan",
        "Jute", "Cork", "Felt", "Mohair", "Alpaca",
    ];

    public static readonly string[] Nouns =
    [
        "Shirt", "Blouse", "Sweater", "Cardigan", "Jacket", "Coat", "Vest", "Hoodie", "Trousers", "Shorts",
        "Skirt", "Dress", "Scarf", "Beanie", "Cap", "Gloves", "Socks", "Tote", "Backpack", "Wallet",
        "Belt", "Apron", "Blanket", "Throw", "Cushion", "Rug", "Towel", "Napkin", "Tablecloth", "Mug",
        "Bowl", "Plate", "Vase", "Planter", "Lamp", "Candle", "Tray", "Basket", "Stool", "Bench",
        "Shelf", "Frame", "Clock", "Mirror", "Journal", "Pouch", "Duffel", "Slippers", "Sneakers", "Boots",
    ];

    public static readonly string[] Tags =
    [
        "summer", "winter", "autumn", "spring", "new-arrival", "bestseller", "sale", "clearance", "limited", "exclusive",
        "gift", "eco", "vegan", "handmade", "organic", "recycled", "fair-trade", "local", "imported", "premium",
        "basics", "outdoor", "indoor", "travel", "office", "kitchen", "bedroom", "living-room", "bathroom", "garden",
        "kids", "women", "men", "unisex", "pets", "sport", "yoga", "hiking", "beach", "ski",
        "minimal", "boho", "scandi", "retro", "classic", "bold", "pastel", "neutral", "monochrome", "colorful",
        "lightweight", "warm", "waterproof", "machine-washable", "dishwasher-safe", "stackable", "portable", "giftable", "bundle", "preorder",
    ];

    public static readonly string[] Vendors =
    [
        "Northwind Goods", "Harbor & Pine", "Juniper Supply", "Atlas Outfitters", "Meadowlark", "Copperleaf", "Fieldhouse",
        "Tidewater Co", "Stonebridge", "Lumen Living", "Oak & Ash", "Bluebird Studio", "Cobalt Works", "Wildflower",
        "Ironclad", "Saltmarsh", "Evergreen Mills", "Foxglove", "Granite Peak", "Driftwood", "Sable & Co", "Kestrel",
        "Ember Home", "Willow Lane", "Summit Gear",
    ];

    public static readonly string[] ProductTypes =
    [
        "Shirts", "Knitwear", "Outerwear", "Trousers", "Dresses", "Accessories", "Bags", "Footwear", "Socks", "Hats",
        "Blankets", "Cushions", "Rugs", "Towels", "Table Linen", "Mugs", "Tableware", "Vases", "Planters", "Lighting",
        "Candles", "Storage", "Furniture", "Wall Decor", "Stationery", "Travel", "Kids", "Pet Supplies", "Gift Sets", "Bundles",
    ];

    public static readonly string[] Sizes = ["Small", "Medium", "Large"];

    public static readonly string[] Openings =
    [
        "Designed for everyday use, this piece brings together comfort and durability.",
        "A quiet favourite of our studio, made in small batches by people who care about the details.",
        "Built to last and to be used, then used again, season after season.",
        "Simple lines and honest materials make this an easy choice for any home or wardrobe.",
        "We worked on this design for a year before we were happy with every seam and edge.",
    ];

    public static readonly string[] Details =
    [
        "Each one is inspected by hand before it leaves the workshop.",
        "The finish softens and deepens with time, so no two age the same way.",
        "It pairs well with the rest of the collection and works just as well on its own.",
        "Care is simple: follow the label and it will look good for years.",
        "Packed in recycled cardboard with no plastic, ready to give as a gift.",
        "Sizes run true; if you are between two, choose the larger for a relaxed fit.",
        "Colours may vary slightly from batch to batch, which is part of its charm.",
        "Our makers are paid fairly and work in safe, well-lit workshops.",
    ];

    public static readonly string[] Features =
    [
        "Reinforced stitching at stress points", "Responsibly sourced materials", "Free repairs for the first two years",
        "Ships within two working days", "Low-impact dyes", "Tested for colourfastness", "Lightweight and easy to pack",
        "Designed in our own studio", "Made to order in small runs", "Returns accepted within 30 days",
    ];
}
