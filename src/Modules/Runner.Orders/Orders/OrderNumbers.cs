using Runner.Kernel.Data;

namespace Runner.Orders.Orders;

/// <summary>
/// Hands out order numbers from the <c>orders_counters</c> row, advanced in the order's transaction: a rolled-back
/// order gives its number back, and two orders never share one (the update locks the row until the commit; the unique
/// index on the number is the last line of defence). The first order is 1001.
/// </summary>
internal sealed class OrderNumbers(RunnerDbContext db)
{
    public const string Counter = "orders";
    public const long Start = 1000;

    public async Task<long> NextAsync(CancellationToken ct)
    {
        // One statement per order; the counter row is made by the first order only.
        if (await AdvanceAsync(ct) is { } next) return next;
        await using (var seed = await Sql.CommandAsync(db,
            "INSERT INTO orders_counters (name, value) VALUES (@name, @start) ON CONFLICT (name) DO NOTHING", ct))
        {
            await seed.With("@name", Counter).With("@start", Start).ExecuteNonQueryAsync(ct);
        }
        return await AdvanceAsync(ct) ?? throw new InvalidOperationException("The order counter could not be advanced.");
    }

    private async Task<long?> AdvanceAsync(CancellationToken ct)
    {
        await using var next = await Sql.CommandAsync(db,
            "UPDATE orders_counters SET value = value + 1 WHERE name = @name RETURNING value", ct);
        return await next.With("@name", Counter).ExecuteScalarAsync(ct) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
