using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary>The merchant's expenses: <c>/admin/expenses</c>, and the schedule the profit report spreads them with.</summary>
internal static class ExpenseEndpoints
{
    public static IServiceCollection AddExpenses(this IServiceCollection services)
    {
        services.AddModel<ExpenseModel>();
        services.AddScoped<ExpenseSchedule>();
        services.AddScoped<IDefaultCurrencyGuard, ExpenseCurrencyGuard>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var expenses = app.MapGroup("/admin/expenses").WithTags("Analytics");
        ExpenseQueries.Map(expenses);
        CreateExpense.Map(expenses);
        ImportExpenses.Map(expenses);
        UpdateExpense.Map(expenses);
        DeleteExpense.Map(expenses);
    }

    public static Error NotFound() => Error.NotFound("analytics.expense_not_found", "No expense has this id.");
}
