using Runner.Inventory.Contracts;

namespace Runner.Inventory.Reservations;

/// <summary>How a reservation that names no location is spread over the locations.</summary>
internal static class Allocation
{
    /// <summary>
    /// Takes <paramref name="quantity"/> units from the locations in the order given (priority order): as much as each
    /// has available before moving to the next, skipping those with none. Returns null when all of them together have
    /// fewer than <paramref name="quantity"/>: a reservation is whole or nothing.
    /// </summary>
    public static IReadOnlyList<(LocationId Location, long Quantity)>? Allocate(
        IReadOnlyList<(LocationId Location, long Available)> byPriority, long quantity)
    {
        var (taken, left) = TakeAvailable(byPriority, quantity);
        return left == 0 ? taken : null;
    }

    /// <summary>
    /// As <see cref="Allocate"/>, but takes what there is when it is not enough: the shares taken and the units left
    /// over (a backorder's shortfall).
    /// </summary>
    public static (List<(LocationId Location, long Quantity)> Taken, long Left) TakeAvailable(
        IReadOnlyList<(LocationId Location, long Available)> byPriority, long quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var taken = new List<(LocationId, long)>();
        var left = quantity;
        foreach (var (location, available) in byPriority)
        {
            if (left == 0) break;
            if (available <= 0) continue;
            var take = Math.Min(available, left);
            taken.Add((location, take));
            left -= take;
        }
        return (taken, left);
    }
}
