using System.Net;
using System.Text.Json;

namespace Runner.Tests.Analytics;

/// <summary>One Server-Sent Event as a browser's EventSource would dispatch it (or a comment line, as <c>:</c>).</summary>
internal sealed record SseEvent(string? Id, string Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
    public long IdNumber => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A client of <c>GET /admin/analytics/live</c> over real HTTP: the answer's headers as soon as they come, then its
/// lines parsed as the EventSource specification says. Each read fails after <see cref="Timeout"/> (generous: the
/// machine may be busy; the 2-second figure is the bench's to measure).
/// </summary>
internal sealed class SseStream : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        Response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>The last <c>retry:</c> hint read, in milliseconds.</summary>
    public long? Retry { get; private set; }

    /// <summary>Opens the stream and asserts it answered 200 <c>text/event-stream</c>.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, string? lastEventId = null, string path = "/admin/analytics/live")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"Expected 200 but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (comments too when <paramref name="comments"/>); null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(bool comments = false)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        string? id = null, kind = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No event from the live stream within {Timeout.TotalSeconds} s.");
            }
            if (line is null) return null;
            if (line.Length == 0)
            {
                // A blank line dispatches the event, if it has data (a block with only retry: or id: dispatches none).
                if (data.Count > 0) return new SseEvent(id, kind ?? "message", string.Join('\n', data));
                (id, kind) = (null, null);
                continue;
            }
            if (line[0] == ':')
            {
                if (comments) return new SseEvent(null, ":", line[1..].Trim());
                continue;
            }
            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": kind = value; break;
                case "data": data.Add(value); break;
                case "retry": Retry = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
    }

    /// <summary>The next event, which must be <paramref name="kind"/>.</summary>
    public async Task<SseEvent> ExpectAsync(string kind)
    {
        var next = await NextAsync() ?? throw new EndOfStreamException($"The stream ended before an event '{kind}'.");
        Assert.Equal(kind, next.Event);
        return next;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        Response.Dispose();
        return ValueTask.CompletedTask;
    }
}
