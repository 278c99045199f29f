using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Analytics.Live;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary>
/// <c>PATCH /admin/expenses/{id}</c>: a JSON merge patch over the fields a create takes, checked by the same rules. A
/// changed amount or currency is converted again at today's rate; otherwise the rate it was entered at stays.
/// </summary>
internal static class UpdateExpense
{
    public static void Map(IEndpointRouteBuilder expenses) =>
        expenses.MapPatch("/{id:guid}", Endpoint).RequirePermission(Permissions.AnalyticsWrite).WithName("UpdateExpense")
            .Accepts<ExpenseRequest>(JsonMergePatch.MediaType, "application/json")
            .WithSummary("Change an expense (JSON merge patch, RFC 7396); null removes endDate or note")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<ExpenseResponse>, ProblemHttpResult>> Endpoint(Guid id, JsonElement patch, RunnerDbContext db,
        IStoreQueries store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var expense = await db.Set<Expense>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expense is null) return Problems.Of(ExpenseEndpoints.NotFound());
        var request = JsonMergePatch.Merge(ExpenseRules.ToRequest(expense), patch, json.Value.SerializerOptions);
        var v = new Validator();
        var values = ExpenseRules.Check(ExpenseInput.Of(request), await store.GetSettingsAsync(ct), v, ExpenseRules.JsonField, expense);
        if (values is null) return Problems.Of(v.ToError());
        ExpenseRules.Apply(expense, values);
        if (db.Entry(expense).Properties.Any(p => p.IsModified))
        {
            var now = Instants.Now(clock);
            LiveFeed.Append(db, "expense.updated", ExpenseRules.LiveData(expense), now);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ExpenseRules.ToResponse(expense));
    }
}
