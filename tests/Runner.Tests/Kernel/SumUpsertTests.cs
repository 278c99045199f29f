using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// <see cref="SumUpsert"/> adds rows of counters given as one JSON parameter: new keys are inserted, existing ones
/// summed, keys that JSON must escape arrive as they were, and sums keep their 64 bits. On SQLite and on PostgreSQL,
/// against a real table of sums (the profit ledger's days, under keys no ledger writes).
/// </summary>
public class SumUpsertTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private static readonly string[] Sums = ["gross_sales", "discounts", "refunds", "shipping", "taxes", "cogs", "payment_fees", "shipping_costs", "orders", "units"];

    private static readonly SumUpsert Days = new("analytics_profit_days",
        [("dimension", SumKey.Integer), ("day", SumKey.Integer), ("dim_key", SumKey.Text)], Sums);

    private sealed record Row(int Dimension, int Day, string Key, long GrossSales, long Units);

    [Fact]
    public async Task RowsAreInsertedThenSummed_KeysArriveAsWritten()
    {
        var day = 900_000 + Random.Shared.Next(100_000); // far from any day the other tests book
        var odd = "quote \" backslash \\ slash / newline \n é 日本 <tag>";
        long[] Counts(long gross, long units) => [gross, 0, 0, 0, 0, 0, 0, 0, 0, units];
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(2, await Days.AddAsync(db, [([9, day, "a"], Counts(100, 1)), ([9, day, odd], Counts(long.MaxValue / 2, 2))], default));
            await transaction.CommitAsync();
            return 0;
        });
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // One existing key and one new one in a statement.
            await Days.AddAsync(db, [([9, day, odd], Counts(long.MaxValue / 2, 3)), ([9, day, "b"], Counts(-5, 0))], default);
            Assert.Equal(0, await Days.AddAsync(db, [], default));
            await transaction.CommitAsync();
            return 0;
        });

        // A plain reader: SqlQueryRaw of an unmapped type would add that type to the process's shared compiled model.
        var rows = await app.WithDbAsync(async db =>
        {
            await using var command = await Sql.CommandAsync(db,
                "SELECT dimension, day, dim_key, gross_sales, units FROM analytics_profit_days WHERE dimension = 9 AND day = @day", default);
            command.With("@day", day);
            var read = new List<Row>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                read.Add(new Row(Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1)), reader.GetString(2),
                    reader.GetInt64(3), reader.GetInt64(4)));
            return read;
        });
        Assert.Equal(3, rows.Count);
        Assert.Equal(new Row(9, day, "a", 100, 1), rows.Single(r => r.Key == "a"));
        Assert.Equal(new Row(9, day, "b", -5, 0), rows.Single(r => r.Key == "b"));
        Assert.Equal(new Row(9, day, odd, long.MaxValue / 2 * 2, 5), rows.Single(r => r.Key == odd));
    }

    [Fact]
    public void ARowOfTheWrongShape_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Days.Json([([9, 1], new long[10])]));
        Assert.Throws<ArgumentException>(() => Days.Json([([9, 1, "a"], new long[9])]));
        Assert.Throws<ArgumentException>(() => Days.Json([([9, 1.5, "a"], new long[10])]));
        Assert.Equal("[[9,1,\"a\",1,2,3,4,5,6,7,8,9,10]]", Days.Json([([9, 1L, "a"], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]));
    }
}
