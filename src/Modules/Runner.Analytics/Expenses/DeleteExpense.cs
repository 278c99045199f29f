using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Live;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Analytics.Expenses;

/// <summary>
/// <c>DELETE /admin/expenses/{id}</c>: an expense entered by mistake goes, and every report stops counting it. Its live
/// feed entry carries what it booked, so a dashboard takes it off without reading it.
/// </summary>
internal static class DeleteExpense
{
    public static void Map(IEndpointRouteBuilder expenses) =>
        expenses.MapDelete("/{id:guid}", Endpoint).RequirePermission(Permissions.AnalyticsWrite).WithName("DeleteExpense")
            .WithSummary("Delete an expense").ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<NoContent, ProblemHttpResult>> Endpoint(Guid id, RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var expense = await db.Set<Expense>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expense is null) return Problems.Of(ExpenseEndpoints.NotFound());
        db.Remove(expense);
        LiveFeed.Append(db, "expense.deleted", ExpenseRules.LiveData(expense), Instants.Now(clock));
        // Two deletes of the same expense at once: the loser's DELETE matches no row, which EF reports as a concurrency
        // conflict; the expense is gone either way, so the answer is the one a delete after it gets.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Of(ExpenseEndpoints.NotFound());
        }
        return TypedResults.NoContent();
    }
}
