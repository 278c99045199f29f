using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary>One local day's expenses in the store's currency (minor units): the total, and by category (those above zero).</summary>
public sealed record ExpenseDay(DateOnly Date, long Total, IReadOnlyDictionary<string, long> ByCategory);

/// <summary>The expenses of each day of a range, in <see cref="Currency"/> (the store's default currency).</summary>
public sealed record DailyExpenses(string Currency, IReadOnlyList<ExpenseDay> Days)
{
    public Money Total => new(Days.Sum(d => d.Total), Currency);
}

/// <summary>
/// The expenses the profit report subtracts, day by day (<see cref="ExpenseSpread"/> for the rule). One query reads the
/// expenses that book anything in the range, only the columns the spread needs; the rest is arithmetic in memory, so an
/// 800-day range over thousands of expenses costs one round trip and a few milliseconds.
/// </summary>
internal sealed class ExpenseSchedule(RunnerDbContext db, IStoreQueries store)
{
    public async Task<DailyExpenses> DailyAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException("to is before from.", nameof(to));
        var currency = (await store.GetSettingsAsync(ct)).DefaultCurrency;
        var expenses = await ExpenseQueries.Booking(db.Set<Expense>().AsNoTracking(), from, to)
            .Select(e => new SpreadExpense(e.Date, e.Recurrence, e.EndDate, e.Category, e.StoreAmount))
            .ToListAsync(ct);
        var spread = new ExpenseSpread(from, to);
        foreach (var e in expenses) spread.Add(e);
        return ToDays(spread, currency);
    }

    internal static DailyExpenses ToDays(ExpenseSpread spread, string currency)
    {
        var days = new ExpenseDay[spread.Totals.Count];
        for (var i = 0; i < days.Length; i++)
        {
            var byCategory = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (category, amounts) in spread.ByCategory)
                if (amounts[i] != 0) byCategory[category] = amounts[i];
            days[i] = new ExpenseDay(spread.From.AddDays(i), spread.Totals[i], byCategory);
        }
        return new DailyExpenses(currency, days);
    }
}
