using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Data;

namespace Runner.Catalog.Collections;

/// <summary>The facts a collection rule looks at.</summary>
internal sealed record ProductFacts(ProductId Id, string Title, string? Vendor, string? ProductType, IReadOnlyList<string> Tags, long MinPrice, long MaxPrice);

/// <summary>
/// Keeps rule-based collections' membership stored (table <c>catalog_collection_products</c>), so the storefront
/// filters by collection with one indexed join: recomputed for a product when it changes, and for a collection
/// when its rules change. The live rule-based collections are read once per unit of work (a request, or a batch
/// of an import) and forgotten when a collection changes in it or it is saved.
/// </summary>
internal sealed class CollectionMembership(RunnerDbContext db)
{
    private List<Collection>? _ruled;

    private async ValueTask<List<Collection>> RuledAsync(CancellationToken ct) => _ruled ??=
        await db.Set<Collection>().AsNoTracking().Where(c => c.Kind == CollectionKind.Rule && c.ArchivedAt == null).ToListAsync(ct);

    /// <summary>Reads the rule-based collections again when next needed (one changed, or the unit of work was saved).</summary>
    public void Forget() => _ruled = null;

    /// <summary>Joins a product not yet saved to the rule-based collections it matches; it belongs to none yet.</summary>
    public async Task AddNewProductAsync(Product product, CancellationToken ct)
    {
        var facts = FactsOf(product);
        foreach (var collection in await RuledAsync(ct))
            if (Matches(collection, facts)) db.Add(new CollectionProduct { CollectionId = collection.Id, ProductId = product.Id });
    }

    public async Task RefreshProductAsync(Product product, CancellationToken ct)
    {
        var ruled = await RuledAsync(ct);
        if (ruled.Count == 0) return;
        var ruledIds = ruled.Select(c => c.Id).ToList();
        var current = await db.Set<CollectionProduct>()
            .Where(cp => cp.ProductId == product.Id && ruledIds.Contains(cp.CollectionId)).ToListAsync(ct);
        var facts = FactsOf(product);
        foreach (var collection in ruled)
        {
            var member = current.FirstOrDefault(cp => cp.CollectionId == collection.Id);
            var matches = Matches(collection, facts);
            if (matches && member is null) db.Add(new CollectionProduct { CollectionId = collection.Id, ProductId = product.Id });
            else if (!matches && member is not null) db.Remove(member);
        }
    }

    private static ProductFacts FactsOf(Product p) => new(p.Id, p.Title, p.Vendor, p.ProductType, p.Tags, p.MinPrice, p.MaxPrice);

    /// <summary>Recomputes a rule-based collection over every product (after its rules change).</summary>
    public async Task RefreshCollectionAsync(Collection collection, CancellationToken ct)
    {
        if (collection.Kind != CollectionKind.Rule) return;
        var facts = await db.Set<Product>().AsNoTracking()
            .Select(p => new ProductFacts(p.Id, p.Title, p.Vendor, p.ProductType, p.Tags, p.MinPrice, p.MaxPrice))
            .ToListAsync(ct);
        var wanted = facts.Where(f => Matches(collection, f)).Select(f => f.Id).ToHashSet();
        var current = await db.Set<CollectionProduct>().Where(cp => cp.CollectionId == collection.Id).ToListAsync(ct);
        foreach (var gone in current.Where(cp => !wanted.Contains(cp.ProductId))) db.Remove(gone);
        var have = current.Select(cp => cp.ProductId).ToHashSet();
        foreach (var id in wanted.Where(id => !have.Contains(id)))
            db.Add(new CollectionProduct { CollectionId = collection.Id, ProductId = id });
    }

    public static bool Matches(Collection collection, ProductFacts product)
    {
        if (collection.Rules.Count == 0) return false;
        return collection.MatchAll
            ? collection.Rules.All(r => Matches(r, product))
            : collection.Rules.Any(r => Matches(r, product));
    }

    public static bool Matches(CollectionRule rule, ProductFacts p)
    {
        const StringComparison ic = StringComparison.OrdinalIgnoreCase;
        return rule.Field switch
        {
            RuleField.Tag => rule.Relation switch
            {
                RuleRelation.Equals => p.Tags.Any(t => string.Equals(t, rule.Value, ic)),
                RuleRelation.NotEquals => !p.Tags.Any(t => string.Equals(t, rule.Value, ic)),
                RuleRelation.Contains => p.Tags.Any(t => t.Contains(rule.Value, ic)),
                _ => false,
            },
            RuleField.Price => long.TryParse(rule.Value, out var amount) && rule.Relation switch
            {
                RuleRelation.GreaterThan => p.MaxPrice > amount,
                RuleRelation.LessThan => p.MinPrice < amount,
                _ => false,
            },
            _ => Text(rule, rule.Field switch { RuleField.Type => p.ProductType, RuleField.Vendor => p.Vendor, _ => p.Title }),
        };
    }

    private static bool Text(CollectionRule rule, string? value) => rule.Relation switch
    {
        RuleRelation.Equals => string.Equals(value, rule.Value, StringComparison.OrdinalIgnoreCase),
        RuleRelation.NotEquals => !string.Equals(value, rule.Value, StringComparison.OrdinalIgnoreCase),
        RuleRelation.Contains => value?.Contains(rule.Value, StringComparison.OrdinalIgnoreCase) == true,
        _ => false,
    };
}
