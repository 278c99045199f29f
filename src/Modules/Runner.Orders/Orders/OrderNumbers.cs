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
        await using (var seed = await Sql.CommandAsync(db,
            "INSERT INTO orders_counters (name, value) VALUES (@name, @start) ON CONFLICT (name) DO NOTHING", ct))
        {
            await seed.With("@name", Counter).With("@start", Start).ExecuteNonQueryAsync(ct);
        }
        await using var next = await Sql.CommandAsync(db,
            "UPDATE orders_counters SET value = value + 1 WHERE name = @name RETURNING value", ct);
        return Convert.ToInt64(await next.With("@name", Counter).ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
