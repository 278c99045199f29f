using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;

namespace Runner.Identity.Audit;

public sealed record AuditEntryResponse(Guid Id, DateTimeOffset At, string ActorKind, string ActorId, string? ActorName, string? Ip,
    string? UserAgent, string Method, string Path, string? Action, int Status, System.Text.Json.JsonElement? Request,
    System.Text.Json.JsonElement? Changes);

/// <summary>
/// <c>GET /admin/audit-log</c>: the admin API's changes, newest first, with cursor paging and filters (actor, action,
/// path prefix, time range); <c>GET /admin/audit-log/export</c>: the same as CSV, up to 50,000 rows.
/// </summary>
internal static class AuditEndpoints
{
    public const int ExportLimit = 50_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/admin/audit-log").WithTags("Staff");
        audit.MapGet("/", List).RequirePermission(Permissions.StaffRead).WithName("ListAuditLog")
            .WithSummary("Who changed what through the admin API, when and from where, newest first")
            .WithDescription("Filters: `actor` (a staff id or API key id), `actorKind` (`staff`, `api_key`, `anonymous`), `action` (an endpoint "
                + "name such as `RefundOrder`), `path` (a prefix such as `/admin/orders`), `from` and `to` (instants).").ProducesValidationProblem();
        audit.MapGet("/export", Export).RequirePermission(Permissions.StaffRead).WithName("ExportAuditLog")
            .WithSummary("The audit log as CSV, with the same filters").Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    internal static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> List(RunnerDbContext db, int? limit, string? cursor,
        string? actor, string? actorKind, string? action, string? path, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        if (from > to) return Problems.Of(Error.Invalid("from", "audit.invalid_range", "from is after to."));
        var take = Cursor.Limit(limit);
        var query = Filter(db, actor, actorKind, action, path, from, to);
        if (Cursor.Decode(cursor, 1) is { } keys)
        {
            var after = Cursor.IdKey(keys[0]);
            query = query.Where(e => e.Id.CompareTo(after) < 0);
        }
        var rows = await query.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, ToResponse, e => Cursor.Encode(e.Id)));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(RunnerDbContext db, string? actor, string? actorKind,
        string? action, string? path, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        if (from > to) return Problems.Of(Error.Invalid("from", "audit.invalid_range", "from is after to."));
        var rows = await Filter(db, actor, actorKind, action, path, from, to).OrderByDescending(e => e.Id).Take(ExportLimit).ToListAsync(ct);
        var csv = new StringBuilder("at,actor_kind,actor_id,actor_name,ip,user_agent,method,path,action,status,request,changes\r\n");
        foreach (var e in rows)
            csv.AppendJoin(',', [e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorKind, e.ActorId, Field(e.ActorName), Field(e.Ip),
                Field(e.UserAgent), e.Method, Field(e.Path), Field(e.Action), e.Status.ToString(CultureInfo.InvariantCulture), Field(e.Request),
                Field(e.Changes)]).Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit-log.csv");
    }

    private static IQueryable<AuditEntry> Filter(RunnerDbContext db, string? actor, string? actorKind, string? action, string? path,
        DateTimeOffset? from, DateTimeOffset? to)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actor)) query = query.Where(e => e.ActorId == actor.Trim());
        if (!string.IsNullOrWhiteSpace(actorKind)) query = query.Where(e => e.ActorKind == actorKind.Trim());
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action == action.Trim());
        if (!string.IsNullOrWhiteSpace(path)) query = query.Where(e => e.Path.StartsWith(path.Trim()));
        if (from is { } start) query = query.Where(e => e.At >= start);
        if (to is { } end) query = query.Where(e => e.At <= end);
        return query;
    }

    /// <summary>A CSV field (RFC 4180), with a leading formula character neutralised so a spreadsheet does not run it.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static AuditEntryResponse ToResponse(AuditEntry e) => new(e.Id, e.At, e.ActorKind, e.ActorId, e.ActorName, e.Ip, e.UserAgent, e.Method,
        e.Path, e.Action, e.Status, Json(e.Request), Json(e.Changes));

    private static System.Text.Json.JsonElement? Json(string? text) =>
        text is null ? null : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
