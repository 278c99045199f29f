using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Analytics.Live;

/// <summary>The <c>ready</c> event: the stream is up to date as of <see cref="LastId"/>; <see cref="Complete"/> is false when a resumption left changes out.</summary>
public sealed record LiveReady(long LastId, bool Resumed, bool Complete);

/// <summary>
/// One open stream: listens to the <see cref="LiveBroadcaster"/>, replays what a resuming client missed, then writes
/// each change as it comes, unbuffered, and a heartbeat when idle. Ends when the client goes, when the host stops, or
/// when the client fell a whole buffer behind (it then resumes from its last id on reconnection).
/// </summary>
internal sealed class LiveStreamResult(long? resumeAfter) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<LiveOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted,
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var ct = stop.Token;
        try
        {
            // Listening starts before the replay is read, so nothing committed in between is lost.
            using var subscription = await services.GetRequiredService<LiveBroadcaster>().SubscribeAsync(ct);
            var (missed, complete) = resumeAfter is { } after
                ? await MissedAsync(services.GetRequiredService<RunnerDbContext>(), after, subscription.Start, options, Instants.Now(clock), ct)
                : ([], true);

            Start(http.Response);
            var body = http.Response.Body;
            await body.WriteAsync(LiveFrames.Retry(options.ReconnectDelay), ct);
            foreach (var row in missed) await body.WriteAsync(LiveFrames.Change(row), ct);
            var lastId = Math.Max(subscription.Start, resumeAfter ?? 0);
            var ready = JsonSerializer.Serialize(new LiveReady(lastId, resumeAfter is not null, complete), RunnerJson.Options);
            await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(LiveFrames.Event(lastId, "ready", ready)), ct);
            await body.FlushAsync(ct);

            var replayed = missed.Select(r => r.Id).ToHashSet();
            await RelayAsync(subscription, replayed, body, options.Heartbeat, clock, ct);
            if (subscription.Dropped)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger<LiveBroadcaster>().LogInformation(
                    "A live analytics stream fell {Buffer} changes behind and was closed; its client resumes on reconnection.", options.SubscriberBuffer);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested) { }
    }

    private static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
        // Compression would hold events back until a block fills; a proxy like nginx buffers unless told not to.
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>
    /// The changes after <paramref name="after"/> up to <paramref name="upTo"/> (later ones arrive live), at most the last
    /// <see cref="LiveOptions.ResumeMaxChanges"/> and none older than <see cref="LiveOptions.ResumeWindow"/>; complete is
    /// false when some were left out.
    /// </summary>
    private static async Task<(List<LiveRow> Rows, bool Complete)> MissedAsync(RunnerDbContext db, long after, long upTo, LiveOptions options,
        DateTimeOffset now, CancellationToken ct)
    {
        if (after >= upTo) return ([], true);
        var cutoff = now - options.ResumeWindow;
        var feed = db.Set<LiveChange>().AsNoTracking().Where(c => c.Id > after && c.Id <= upTo);
        var rows = await feed.Where(c => c.At >= cutoff).OrderByDescending(c => c.Id).Take(options.ResumeMaxChanges + 1)
            .Select(c => new LiveRow(c.Id, c.Kind, c.Data)).ToListAsync(ct);
        var complete = rows.Count <= options.ResumeMaxChanges && !await feed.AnyAsync(c => c.At < cutoff, ct);
        return ([.. rows.Take(options.ResumeMaxChanges).OrderBy(r => r.Id)], complete);
    }

    /// <summary>Writes each change as it arrives (but those already replayed), and a heartbeat after a quiet interval.</summary>
    private static async Task RelayAsync(LiveSubscription subscription, HashSet<long> replayed, Stream body, TimeSpan heartbeat, TimeProvider clock,
        CancellationToken ct)
    {
        var events = subscription.Events;
        while (true)
        {
            using (var quiet = new CancellationTokenSource(heartbeat, clock))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, quiet.Token))
            {
                try
                {
                    if (!await events.WaitToReadAsync(wait.Token)) return; // dropped, or the host stops
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await body.WriteAsync(LiveFrames.Heartbeat, ct);
                    await body.FlushAsync(ct);
                    continue;
                }
            }
            while (events.TryRead(out var change))
                if (!replayed.Contains(change.Id)) await body.WriteAsync(change.Frame, ct);
            await body.FlushAsync(ct);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]));
}
