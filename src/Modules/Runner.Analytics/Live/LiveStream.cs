using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Analytics.Live;

/// <summary>
/// <c>GET /admin/analytics/live</c>: the dashboard's changes as they happen, as Server-Sent Events (an
/// <c>EventSource</c> in the browser, with the staff sign-in cookie; or any HTTP client with an API key or a staff
/// token). Without <c>Last-Event-ID</c> it starts from now with a <c>ready</c> event; with it (header, or
/// <c>lastEventId</c> for a first connection that cannot set headers) it first replays what was missed since that id.
/// </summary>
internal static class LiveStream
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/admin/analytics/live", Open).RequirePermission(Permissions.AnalyticsRead).WithTags("Analytics").WithName("AnalyticsLiveStream")
            .WithSummary("Stream the dashboard's changes (orders, refunds, expenses) as Server-Sent Events")
            .WithDescription("text/event-stream. Each change: `id: <feed id>`, `event: <kind>` (`order.placed`, `order.refunded`, "
                + "`expense.created`…), `data: <json>`. First a `retry:` hint, then, without `Last-Event-ID`, `event: ready` "
                + "`{ lastId, resumed: false, complete: true }` and the changes from then on. With `Last-Event-ID` (or `lastEventId`) "
                + "the changes after that id come first (at most the last 1,000, none older than an hour), then `ready` with "
                + "`resumed: true` and `complete: false` when some were left out (reload the figures). A comment `: keep-alive` "
                + "comes every 15 s when nothing else does. A change that committed late may arrive after a higher id, and a "
                + "reconnection may repeat one: ids are unique, skip those already seen.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static Results<LiveStreamResult, ProblemHttpResult> Open(HttpRequest request, string? lastEventId = null)
    {
        // A browser reconnecting by itself sends the header with the last id it saw and the URL it first opened, whose
        // lastEventId is older: the header wins.
        var header = request.Headers[LastEventIdHeader].ToString().Trim();
        var sent = header.Length > 0 ? header : lastEventId?.Trim();
        if (string.IsNullOrEmpty(sent)) return new LiveStreamResult(null);
        if (!long.TryParse(sent, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return Problems.Of(Error.Invalid(header.Length > 0 ? LastEventIdHeader : "lastEventId", "analytics.invalid_last_event_id",
                $"'{sent}' is not an id of this stream: send the id of the last event received (a whole number), or none to start from now."));
        }
        return new LiveStreamResult(after);
    }
}
