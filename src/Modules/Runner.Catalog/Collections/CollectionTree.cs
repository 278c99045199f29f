using Runner.Catalog.Contracts;
using Runner.Kernel.Data;

namespace Runner.Catalog.Collections;

/// <summary>Collections nest: a category includes its sub-categories' products.</summary>
internal static class CollectionTree
{
    /// <summary>
    /// The live collection named by <paramref name="handleOrId"/> followed by all its live descendants (one recursive
    /// query), with the named collection's own sort order; empty when there is none.
    /// </summary>
    public static async Task<(IReadOnlyList<CollectionId> Ids, CollectionSort Sort)> ResolveAsync(RunnerDbContext db, string handleOrId, CancellationToken ct)
    {
        var provider = db.Provider();
        var byId = Guid.TryParse(handleOrId, out var id);
        await using var command = await Sql.CommandAsync(db, $"""
            WITH RECURSIVE tree(id, depth) AS (
                SELECT id, 0 FROM catalog_collections WHERE {(byId ? "id = @key" : "handle = @key")} AND archived_at IS NULL
                UNION ALL
                SELECT c.id, t.depth + 1 FROM catalog_collections c JOIN tree t ON c.parent_id = t.id
                WHERE c.archived_at IS NULL AND t.depth < 20)
            SELECT t.id, c.sort_order FROM tree t JOIN catalog_collections c ON c.id = t.id ORDER BY t.depth
            """, ct);
        command.With("key", byId ? Sql.Id(provider, id) : handleOrId);
        var ids = new List<CollectionId>();
        var sort = CollectionSort.Manual;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var next = new CollectionId(Sql.ReadId(reader, 0));
            if (ids.Count == 0) sort = Enum.Parse<CollectionSort>(reader.GetString(1));
            if (!ids.Contains(next)) ids.Add(next);
        }
        return (ids, sort);
    }

    public static List<CollectionId> Descendants(CollectionId root, ILookup<CollectionId, CollectionId> children)
    {
        var result = new List<CollectionId> { root };
        for (var i = 0; i < result.Count && result.Count < 10_000; i++)
            result.AddRange(children[result[i]].Where(c => !result.Contains(c)));
        return result;
    }
}
