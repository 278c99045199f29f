using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;

namespace Runner.Catalog.Collections;

/// <summary>Collections nest: a category includes its sub-categories' products.</summary>
internal static class CollectionTree
{
    /// <summary>
    /// The live collection named by <paramref name="handleOrId"/> followed by all its live descendants, or empty
    /// when there is none.
    /// </summary>
    public static async Task<(IReadOnlyList<CollectionId> Ids, CollectionSort Sort)> ResolveAsync(RunnerDbContext db, string handleOrId, CancellationToken ct)
    {
        var all = await db.Set<Collection>().AsNoTracking().Where(c => c.ArchivedAt == null)
            .Select(c => new { c.Id, c.Handle, c.ParentId, c.SortOrder }).ToListAsync(ct);
        var root = Guid.TryParse(handleOrId, out var g)
            ? all.FirstOrDefault(c => c.Id.Value == g)
            : all.FirstOrDefault(c => c.Handle == handleOrId);
        if (root is null) return ([], CollectionSort.Manual);
        var children = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value, c => c.Id);
        return (Descendants(root.Id, children), root.SortOrder);
    }

    public static List<CollectionId> Descendants(CollectionId root, ILookup<CollectionId, CollectionId> children)
    {
        var result = new List<CollectionId> { root };
        for (var i = 0; i < result.Count && result.Count < 10_000; i++)
            result.AddRange(children[result[i]].Where(c => !result.Contains(c)));
        return result;
    }
}
