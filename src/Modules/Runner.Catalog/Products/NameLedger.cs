using Runner.Catalog.Contracts;

namespace Runner.Catalog.Products;

/// <summary>
/// Who holds each name of a unique kind (a live variant's SKU, a product's handle) as far as one unit of work
/// knows: what the database said when asked, overlaid with what the unit of work has taken or given back since.
/// A name it has never heard of is unknown, and must be asked about before a check relies on it.
/// </summary>
internal sealed class NameLedger
{
    private readonly Dictionary<string, ProductId?> _holders = new(StringComparer.Ordinal);

    public IEnumerable<string> Unknown(IEnumerable<string> names) => names.Where(n => !_holders.ContainsKey(n)).Distinct(StringComparer.Ordinal);

    /// <summary>Records the database's answer about names that were unknown: held by these products, else free.</summary>
    public void Learn(IEnumerable<string> asked, IEnumerable<(string Name, ProductId Holder)> held)
    {
        foreach (var (name, holder) in held) _holders.TryAdd(name, holder);
        foreach (var name in asked) _holders.TryAdd(name, null);
    }

    public bool IsKnown(string name) => _holders.ContainsKey(name);

    public bool IsHeld(string name) => _holders.TryGetValue(name, out var holder) && holder is not null;

    /// <summary>True when a product other than <paramref name="self"/> holds the name (it must be known).</summary>
    public bool IsHeldByAnother(string name, ProductId self) =>
        _holders.TryGetValue(name, out var holder) ? holder is { } h && h != self
        : throw new InvalidOperationException($"'{name}' was not looked up before it was checked.");

    /// <summary>The names a product holds once its change is saved; the ones it held before and no longer does are free.</summary>
    public void Hold(ProductId product, IEnumerable<string> before, IEnumerable<string> after)
    {
        var now = after.ToHashSet(StringComparer.Ordinal);
        foreach (var name in before.Where(n => !now.Contains(n)))
            if (!_holders.TryGetValue(name, out var holder) || holder == product) _holders[name] = null;
        foreach (var name in now) _holders[name] = product;
    }

    public void Clear() => _holders.Clear();
}
