using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Runner.Analytics.Funnels;
using Runner.Identity.Contracts;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;

namespace Runner.Analytics.Events;

public sealed record StoreEventInput(
    string? Type = null, string? VisitorId = null, string? SessionId = null, DateTimeOffset? OccurredAt = null, string? Url = null,
    string? Referrer = null, string? UtmSource = null, string? UtmMedium = null, string? UtmCampaign = null, string? Device = null,
    Guid? ProductId = null, Guid? VariantId = null, Guid? CollectionId = null, Guid? CartId = null, string? Query = null, string? Step = null,
    int? Quantity = null);

public sealed record StoreEventBatch(IReadOnlyList<StoreEventInput?>? Events = null);

/// <summary><c>accepted</c> events were kept; <c>filtered</c> came from a crawler or a script and were dropped.</summary>
public sealed record StoreEventsAccepted(int Accepted, int Filtered);

/// <summary>
/// <c>POST /store/events</c>: a batch of storefront events, kept as they come (append-only, one insert per batch). A
/// batch is taken whole or refused whole: one malformed event refuses it with every field named (400), a batch over
/// <see cref="AnalyticsOptions.MaxBatchEvents"/> events or <see cref="AnalyticsOptions.MaxBatchBytes"/> bytes is 413.
/// Events from crawlers and scripts (by user agent) answer 202 and are dropped.
/// </summary>
internal static class EventIngestion
{
    /// <summary>How far a browser's clock may be from the server's: behind (a batch held offline), and ahead.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(3), MaxAhead = TimeSpan.FromMinutes(10);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/store/events", Ingest).RequireStorefront().WithTags("Analytics").WithName("IngestStoreEvents")
            .WithSummary("Record a batch of storefront events (page and product views, searches, cart and checkout steps)")
            .Accepts<StoreEventBatch>("application/json").Produces<StoreEventsAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    internal static async Task<Results<Accepted<StoreEventsAccepted>, ProblemHttpResult>> Ingest(HttpContext http, RunnerDbContext db,
        IOptions<AnalyticsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, IOutbox outbox, CancellationToken ct)
    {
        var limits = options.Value;
        if (http.Request.ContentLength > limits.MaxBatchBytes) return Problems.Of(TooLarge(limits));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limits.MaxBatchBytes;
        StoreEventBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<StoreEventBatch>(http.Request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            return Problems.Of(Error.Invalid("events", "analytics.malformed_batch", $"The batch is not valid JSON of the expected shape: {e.Message}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Of(TooLarge(limits));
        }
        if (batch?.Events is not { Count: > 0 } events)
            return Problems.Of(Error.Invalid("events", "validation.required", "events is required: a list of 1 or more events."));
        if (events.Count > limits.MaxBatchEvents) return Problems.Of(TooLarge(limits));

        var userAgent = http.Request.Headers.UserAgent.ToString();
        if (BotFilter.IsBot(userAgent)) return TypedResults.Accepted((string?)null, new StoreEventsAccepted(0, events.Count));
        var now = Instants.Now(clock);
        var (rows, error) = EventRules.Read(events, now, http.User.Channel().Value, ActorClaims.CustomerOf(http.User), BotFilter.DeviceOf(userAgent));
        if (error is not null) return Problems.Of(error);
        db.AddRange(rows!);
        // The funnel counts the batch from the outbox, committed with it: never a batch counted and not kept, or kept and not counted.
        outbox.Enqueue(FunnelFacts.EventsReceived, FunnelFacts.Of(rows!));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null, new StoreEventsAccepted(rows!.Count, 0));
    }

    private static Error TooLarge(AnalyticsOptions limits) => new("analytics.batch_too_large",
        $"A batch holds at most {limits.MaxBatchEvents} events and {limits.MaxBatchBytes / 1024} KiB: send smaller batches more often.",
        ErrorKind.PayloadTooLarge);
}
