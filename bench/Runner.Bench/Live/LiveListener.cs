using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Live;

/// <summary>
/// A dashboard's connection to <c>GET /admin/analytics/live</c> (admin key, Server-Sent Events): notes when each
/// <c>order.placed</c> event arrives (a Stopwatch timestamp taken as its blank line is read), by the event's
/// <c>orderId</c>.
/// </summary>
internal sealed class LiveListener : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _arrivals = new(StringComparer.OrdinalIgnoreCase);
    private Task _reading = Task.CompletedTask;
    private volatile string? _ended;

    private LiveListener(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
    }

    /// <summary>Opens the stream and waits for its <c>ready</c> event; null with the reason when the host has no stream.</summary>
    public static async Task<(LiveListener? Listener, string? Skip)> OpenAsync(BenchContext context, CancellationToken ct)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = context.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // the stream stays open for the whole scenario
        };
        foreach (var (name, value) in context.AdminHeaders) client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        HttpResponseMessage response;
        using (var opening = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            opening.CancelAfter(TimeSpan.FromSeconds(30));
            response = await client.GetAsync("admin/analytics/live", HttpCompletionOption.ResponseHeadersRead, opening.Token);
        }
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            client.Dispose();
            return (null, "the host has no live stream yet (GET /admin/analytics/live answered 404)");
        }
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            client.Dispose();
            throw new InvalidOperationException($"GET /admin/analytics/live answered {(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}");
        }
        var listener = new LiveListener(client, response);
        listener._reading = listener.ReadAsync(await response.Content.ReadAsStreamAsync(ct));
        await listener._ready.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return (listener, null);
    }

    /// <summary>When the <c>order.placed</c> event of <paramref name="orderId"/> arrived (it may have come first); null after <paramref name="timeout"/>.</summary>
    public async Task<long?> ArrivalAsync(string orderId, TimeSpan timeout, CancellationToken ct)
    {
        if (_ended is { } ended && !_arrivals.ContainsKey(orderId)) throw new InvalidOperationException(ended);
        try
        {
            return await Arrival(orderId).Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private TaskCompletionSource<long> Arrival(string orderId) =>
        _arrivals.GetOrAdd(orderId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ReadAsync(Stream body)
    {
        try
        {
            using var reader = new StreamReader(body);
            string? kind = null, data = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    Dispatch(kind, data, Stopwatch.GetTimestamp());
                    (kind, data) = (null, null);
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal)) kind = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data = data is null ? line[5..].TrimStart() : data + "\n" + line[5..].TrimStart();
            }
            End("the live stream ended (the host closed it)");
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            End($"the live stream failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Dispatch(string? kind, string? data, long at)
    {
        if (kind == "ready")
        {
            _ready.TrySetResult();
            return;
        }
        if (kind != "order.placed" || data is null) return;
        using var change = JsonDocument.Parse(data);
        if (change.RootElement.TryGetProperty("orderId", out var id) && id.GetString() is { } orderId) Arrival(orderId).TrySetResult(at);
    }

    private void End(string why)
    {
        _ended = why;
        _ready.TrySetException(new InvalidOperationException(why));
        foreach (var waiting in _arrivals.Values) waiting.TrySetException(new InvalidOperationException(why));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _client.Dispose();
        _stop.Dispose();
    }
}
