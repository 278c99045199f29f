using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Locations;
using Runner.Kernel.Data;
using Runner.Kernel.Validation;

namespace Runner.Inventory.Stock;

/// <summary>Checks the ids a request names (variants through the catalog's contract, locations here), naming the field of each unknown one.</summary>
internal sealed class InventoryLookups(RunnerDbContext db, IVariantDirectory variants)
{
    /// <summary>The variants found; each unknown one adds <c>inventory.unknown_variant</c> on its field.</summary>
    public async Task<IReadOnlyDictionary<VariantId, VariantInfo>> VariantsAsync(
        Validator v, IReadOnlyList<(string Field, VariantId Id)> wanted, CancellationToken ct)
    {
        var found = await variants.FindAsync([.. wanted.Select(w => w.Id).Distinct()], ct);
        foreach (var (field, id) in wanted.Where(w => !found.ContainsKey(w.Id)))
            v.Add(field, "inventory.unknown_variant", $"No variant has the id {id}.");
        return found;
    }

    /// <summary>The location with its channels, or null after adding <c>inventory.unknown_location</c> on the field.</summary>
    public async Task<Location?> LocationAsync(Validator v, string field, LocationId id, CancellationToken ct)
    {
        var location = await db.Set<Location>().AsNoTracking().Include(l => l.Channels).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null) v.Add(field, "inventory.unknown_location", $"No location has the id {id}.");
        return location;
    }

    public static bool IsArchived(VariantInfo variant) => variant.Archived || variant.ProductStatus == ProductStatus.Archived;
}
