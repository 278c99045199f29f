using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;

namespace Runner.Orders.Orders;

public sealed record OrderSummaryResponse(OrderId Id, long Number, string Name, OrderStatus Status, PaymentStatus PaymentStatus,
    FulfilmentStatus FulfilmentStatus, bool HeldForReview, string Email, CustomerId? CustomerId, Money Total,
    Money Refunded, DateTimeOffset CreatedAt);

/// <summary><c>GET /admin/orders</c> (newest first, filters, cursor paging) and <c>GET /admin/orders/{id}</c>.</summary>
internal static class OrderQueries
{
    public static void Map(IEndpointRouteBuilder orders)
    {
        orders.MapGet("/", List).RequirePermission(Permissions.OrdersRead).WithName("ListOrders")
            .WithSummary("List orders, newest first, with filters and cursor paging")
            .WithDescription("`status`, `paymentStatus` and `fulfilmentStatus` take comma-separated values; `createdFrom` and "
                + "`createdTo` bound the creation time; `email` matches the whole address (case-insensitive); `minTotal` and "
                + "`maxTotal` are minor units of the order currency.")
            .ProducesValidationProblem();
        orders.MapGet("/{id:guid}", Get).RequirePermission(Permissions.OrdersRead).WithName("GetOrder")
            .WithSummary("An order: its snapshot, statuses, money, fulfilments, refunds, returns, edits and timeline")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Ok<Page<OrderSummaryResponse>>> List(RunnerDbContext db, int? limit, string? cursor, string? status,
        string? paymentStatus, string? fulfilmentStatus, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, string? email,
        long? minTotal, long? maxTotal, CancellationToken ct)
    {
        var v = new Validator();
        var statuses = Parse<OrderStatus>(v, "status", status);
        var payments = Parse<PaymentStatus>(v, "paymentStatus", paymentStatus);
        var fulfilments = Parse<FulfilmentStatus>(v, "fulfilmentStatus", fulfilmentStatus);
        if (createdFrom > createdTo) v.Add("createdTo", "orders.invalid_filter", "createdTo must not be before createdFrom.");
        if (minTotal > maxTotal) v.Add("maxTotal", "orders.invalid_filter", "maxTotal must not be below minTotal.");
        v.ThrowIfInvalid();
        var take = Cursor.Limit(limit);
        var query = db.Set<Order>().AsNoTracking();
        if (statuses.Count > 0) query = query.Where(o => statuses.Contains(o.Status));
        if (payments.Count > 0) query = query.Where(o => payments.Contains(o.PaymentStatus));
        if (fulfilments.Count > 0) query = query.Where(o => fulfilments.Contains(o.FulfilmentStatus));
        if (createdFrom is { } from) { var f = from.ToUniversalTime(); query = query.Where(o => o.CreatedAt >= f); }
        if (createdTo is { } to) { var t = to.ToUniversalTime(); query = query.Where(o => o.CreatedAt < t); }
        if (!string.IsNullOrWhiteSpace(email)) { var key = email.Trim().ToLowerInvariant(); query = query.Where(o => o.EmailKey == key); }
        if (minTotal is { } min) query = query.Where(o => o.Total >= min);
        if (maxTotal is { } max) query = query.Where(o => o.Total <= max);
        if (Cursor.Decode(cursor, 1) is { } keys)
        {
            var after = Cursor.LongKey(keys[0]);
            query = query.Where(o => o.Number < after);
        }
        var rows = await query.OrderByDescending(o => o.Number).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, o => new OrderSummaryResponse(o.Id, o.Number, o.Name, o.Status, o.PaymentStatus,
            o.FulfilmentStatus, o.HeldForReview, o.Email, o.CustomerId, new Money(o.Total, o.Currency), new Money(o.Refunded, o.Currency),
            o.CreatedAt), o => Cursor.Encode(o.Number)));
    }

    internal static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Get(Guid id, OrderReader reader, CancellationToken ct) =>
        await reader.GetAsync(new OrderId(id), ct) is { } view ? TypedResults.Ok(view) : Problems.Of(OrderErrors.NotFound());

    private static List<T> Parse<T>(Validator v, string field, string? text) where T : struct, Enum
    {
        var result = new List<T>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        var names = Enum.GetValues<T>().ToDictionary(e => OrderErrors.Snake(e), e => e);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.TryGetValue(part, out var value)) result.Add(value);
            else v.Add(field, "orders.invalid_filter", $"{field} is a comma-separated list of {string.Join(", ", names.Keys)}.");
        }
        return result;
    }
}
