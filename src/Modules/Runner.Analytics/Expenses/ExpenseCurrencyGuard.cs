using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary>
/// Refuses to change the default currency once expenses are kept in it: they were converted to it on entry, and the
/// profit report adds them up as amounts of the default currency.
/// </summary>
internal sealed class ExpenseCurrencyGuard(RunnerDbContext db) : IDefaultCurrencyGuard
{
    public async Task<Error?> CheckAsync(string from, string to, CancellationToken ct) =>
        await db.Set<Expense>().AnyAsync(e => e.StoreCurrency == from, ct)
            ? Error.Unprocessable("store.default_currency_in_use", $"Expenses are kept in {from}; the default currency cannot change while they are.")
            : null;
}
