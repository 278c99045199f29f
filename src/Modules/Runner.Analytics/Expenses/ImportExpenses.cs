using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Analytics.Live;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

public sealed record ExpenseImportResponse(int Imported, IReadOnlyList<ExpenseResponse> Expenses);

/// <summary>
/// <c>POST /admin/expenses/import</c>: a CSV file of expenses (<see cref="ExpenseCsvRows"/>), taken whole or refused
/// whole. Every row is checked before anything is written, and a file with bad rows answers 400 listing each problem
/// by its line (<c>lines[3].amount</c>), so the merchant fixes the file once and sends it again; a good file is saved
/// in one transaction with one live-feed entry.
/// </summary>
internal static class ImportExpenses
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5_000;

    public static void Map(IEndpointRouteBuilder expenses) =>
        expenses.MapPost("/import", Endpoint).RequirePermission(Permissions.AnalyticsWrite).WithName("ImportExpenses")
            .WithSummary("Import expenses from CSV: all rows or none")
            .WithDescription("The body is the file itself (Content-Type: text/csv): UTF-8 CSV (RFC 4180) with a header row naming "
                + "date (YYYY-MM-DD), category, amount (major units, such as 1234.50), currency, and optionally note, recurrence "
                + $"(none or monthly) and endDate. At most {MaxRows} rows and {MaxBytes / 1024 / 1024} MiB. "
                + "A file with any bad row imports nothing and answers 400 with every problem by line.")
            // No Accepts("text/csv"): routing would answer 415 to a caller before checking their access.
            .Produces<ExpenseImportResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    internal static async Task<Results<Created<ExpenseImportResponse>, ProblemHttpResult>> Endpoint(HttpRequest request, RunnerDbContext db,
        IStoreQueries store, TimeProvider clock, CancellationToken ct)
    {
        var body = await ReadAsync(request, ct);
        if (body is null) return Problems.Of(TooLarge());
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Of(Error.Invalid("body", "analytics.import_not_utf8", "The file is not UTF-8 text: save it as CSV UTF-8."));
        }
        var rows = ExpenseCsvRows.Read(text, await store.GetSettingsAsync(ct));
        if (!rows.IsSuccess) return Problems.Of(rows.Error);

        var now = Instants.Now(clock);
        var expenses = rows.Value.Select(x => ExpenseRules.Create(x, now)).ToList();
        db.AddRange(expenses);
        LiveFeed.Append(db, "expenses.imported", new
        {
            ids = expenses.Select(e => e.Id), count = expenses.Count, from = expenses.Min(e => e.Date), to = expenses.Max(e => e.Date),
            amount = new Money(expenses.Sum(e => e.StoreAmount), expenses[0].StoreCurrency),
        }, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created((string?)null, new ExpenseImportResponse(expenses.Count, [.. expenses.Select(ExpenseRules.ToResponse)]));
    }

    /// <summary>The body, or null when it is over <see cref="MaxBytes"/> (told by its length up front, or found while reading).</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    internal static Error TooLarge() => new("analytics.import_too_large",
        $"An import holds at most {MaxRows} rows and {MaxBytes / 1024 / 1024} MiB: split the file.", ErrorKind.PayloadTooLarge);
}
