using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Analytics.Live;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary><c>POST /admin/expenses</c>: one expense, converted to the store's currency, announced on the live feed in the same save.</summary>
internal static class CreateExpense
{
    public static void Map(IEndpointRouteBuilder expenses) =>
        expenses.MapPost("", Endpoint).RequirePermission(Permissions.AnalyticsWrite).WithName("CreateExpense")
            .WithSummary("Record an expense (ad spend, apps, staff, rent…), one-off or monthly, in any enabled currency")
            .WithDescription("The amount is converted to the store's default currency at the store's exchange rate now, and the rate is kept "
                + "with it. Categories: " + string.Join(", ", ExpenseCategories.All) + ".")
            .ProducesValidationProblem();

    internal static async Task<Results<Created<ExpenseResponse>, ProblemHttpResult>> Endpoint(ExpenseRequest request, RunnerDbContext db,
        IStoreQueries store, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var values = ExpenseRules.Check(ExpenseInput.Of(request), await store.GetSettingsAsync(ct), v, ExpenseRules.JsonField);
        if (values is null) return Problems.Of(v.ToError());
        var now = Instants.Now(clock);
        var expense = ExpenseRules.Create(values, now);
        db.Add(expense);
        LiveFeed.Append(db, "expense.created", ExpenseRules.LiveData(expense), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/expenses/{expense.Id}", ExpenseRules.ToResponse(expense));
    }
}
