using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Reports;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Analytics.Expenses;

/// <summary>
/// <c>GET /admin/expenses</c>: the expenses that book something in <c>from</c>..<c>to</c> (a one-off one on its date,
/// a monthly one from its date to its end date), newest date first, cursor-paged, or all of them as CSV
/// (<c>format=csv</c>); and <c>GET /admin/expenses/{id}</c>.
/// </summary>
internal static class ExpenseQueries
{
    /// <summary>The most rows one CSV export holds; a longer list asks for a narrower range rather than being cut short.</summary>
    public const int ExportLimit = 50_000;

    public static void Map(IEndpointRouteBuilder expenses)
    {
        expenses.MapGet("", List).RequirePermission(Permissions.AnalyticsRead).WithName("ListExpenses")
            .WithSummary("List expenses, newest date first; format=csv exports every one matching the filters")
            .WithDescription("`from` and `to` (YYYY-MM-DD, the store's days, both inclusive) keep the expenses that book a share in those days: "
                + "a one-off expense on its date, a monthly one from its date to its endDate (or on). `category` keeps one category. "
                + "`format=csv` answers every matching expense as CSV (limit and cursor do not apply).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        expenses.MapGet("/{id:guid}", Get).RequirePermission(Permissions.AnalyticsRead).WithName("GetExpense")
            .WithSummary("Read an expense").ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<Page<ExpenseResponse>>, FileContentHttpResult, ProblemHttpResult>> List(RunnerDbContext db,
        string? from, string? to, string? category, int? limit, string? cursor, string? format, CancellationToken ct)
    {
        var v = new Validator();
        var first = Day(from, "from", v);
        var last = Day(to, "to", v);
        if (first > last) v.Add("to", "analytics.invalid_range", "to is before from (both days are inclusive).");
        if (category is not null && !ExpenseCategories.IsKnown(category))
            v.Add("category", "analytics.unknown_category",
                $"'{category}' is not an expense category; use one of {string.Join(", ", ExpenseCategories.All)}.");
        var kind = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (kind is not ("json" or "csv")) v.Add("format", "analytics.invalid_format", "format must be json or csv.");
        if (!v.IsValid) return Problems.Of(v.ToError());

        var query = Booking(db.Set<Expense>().AsNoTracking(), first, last);
        if (category is not null) query = query.Where(e => e.Category == category);
        if (kind == "csv")
        {
            var rows = await query.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(ExportLimit + 1).ToListAsync(ct);
            if (rows.Count > ExportLimit)
                return Problems.Of(Error.Invalid("to", "analytics.export_too_large", $"More than {ExportLimit} expenses match; export a shorter range."));
            return ToCsv(rows).ToFile("expenses.csv");
        }
        var take = Cursor.Limit(limit);
        if (Cursor.Decode(cursor, 2) is { } keys)
        {
            var (date, id) = (DateKey(keys[0]), Cursor.IdKey(keys[1]));
            query = query.Where(e => e.Date < date || (e.Date == date && e.Id.CompareTo(id) < 0));
        }
        var page = await query.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(page, take, ExpenseRules.ToResponse, e => Cursor.Encode(StoreCalendar.Iso(e.Date), e.Id)));
    }

    internal static async Task<Results<Ok<ExpenseResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, CancellationToken ct)
    {
        var expense = await db.Set<Expense>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        return expense is null ? Problems.Of(ExpenseEndpoints.NotFound()) : TypedResults.Ok(ExpenseRules.ToResponse(expense));
    }

    /// <summary>
    /// The expenses that book a share on some day of <paramref name="from"/>..<paramref name="to"/> (either end open):
    /// the one filter of the list and of the schedule the profit report reads, so both count the same expenses.
    /// </summary>
    public static IQueryable<Expense> Booking(IQueryable<Expense> expenses, DateOnly? from, DateOnly? to)
    {
        if (to is { } last) expenses = expenses.Where(e => e.Date <= last);
        if (from is { } first)
            expenses = expenses.Where(e => (e.Recurrence == ExpenseRecurrence.None && e.Date >= first)
                || (e.Recurrence == ExpenseRecurrence.Monthly && (e.EndDate == null || e.EndDate >= first)));
        return expenses;
    }

    /// <summary>The columns an import takes first (so an export, edited, reads back in), then what the store made of them.</summary>
    private static ReportCsv ToCsv(IEnumerable<Expense> rows)
    {
        var csv = new ReportCsv("date", "category", "amount", "currency", "note", "recurrence", "endDate", "storeAmount", "storeCurrency",
            "exchangeRate", "id", "createdAt", "createdBy", "updatedAt", "updatedBy");
        foreach (var e in rows)
            csv.Row(StoreCalendar.Iso(e.Date), e.Category, Major(e.Amount, e.Currency), e.Currency, e.Note, e.Recurrence,
                e.EndDate is { } end ? StoreCalendar.Iso(end) : null, Major(e.StoreAmount, e.StoreCurrency), e.StoreCurrency, ExpenseRules.Rate(e), e.Id,
                e.CreatedAt.ToString("O", CultureInfo.InvariantCulture), e.CreatedBy, e.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), e.UpdatedBy);
        return csv;
    }

    /// <summary>Minor units as major units with the currency's decimals (<c>1234.50</c>), as the import reads them.</summary>
    internal static string Major(long minor, string currency) =>
        new Kernel.Money(minor, currency).ToMajor().ToString("F" + Kernel.Currency.Get(currency).MinorUnits, CultureInfo.InvariantCulture);

    private static DateOnly? Day(string? text, string field, Validator v)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        v.Add(field, "analytics.invalid_date", $"{field} must be a date as YYYY-MM-DD, local to the store.");
        return null;
    }

    private static DateOnly DateKey(JsonElement key) =>
        key.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(key.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var day)
            ? day
            : throw new DomainException(Error.Invalid("cursor", "paging.invalid_cursor", "cursor is not a cursor this list returned; start again without it."));
}
