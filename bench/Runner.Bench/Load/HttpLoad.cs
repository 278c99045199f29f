using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Runner.Bench.Load;

/// <summary>Sends one request and reads the whole answer, so the connection goes back to the pool ready for the next.</summary>
internal static class HttpLoad
{
    /// <summary>HTTP/1.1 keep-alive, no proxy, no cookies, no decompression: the client costs as little as it can.</summary>
    public static HttpClient CreateClient(Uri baseAddress, int maxConnections, IReadOnlyDictionary<string, string> headers)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var (name, value) in headers) client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return client;
    }

    /// <summary>The status code, or 0 when no answer came (connection error, time-out).</summary>
    public static async Task<int> SendAsync(HttpClient client, HttpRequestMessage request, Outcomes outcomes, CancellationToken ct)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            var bytes = 0L;
            try
            {
                for (int n; (n = await body.ReadAsync(buffer, ct)) > 0;) bytes += n;
                outcomes.Read(bytes);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            var status = (int)response.StatusCode;
            outcomes.Count(status);
            return status;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            outcomes.Fail(e.GetType().Name + ": " + e.Message);
            return 0;
        }
        finally
        {
            request.Dispose();
        }
    }
}

/// <summary>What the answers were: counts per status code and per failure; anything but 2xx is an error.</summary>
internal sealed class Outcomes
{
    private readonly long[] _statuses = new long[600];
    private readonly ConcurrentDictionary<string, long> _failures = new();
    private long _bytes;
    private long _bodies;

    public void Read(long bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _bodies);
    }

    /// <summary>The mean size of the bodies read, in bytes.</summary>
    public double MeanBodyBytes => Interlocked.Read(ref _bodies) == 0 ? 0 : (double)Interlocked.Read(ref _bytes) / Interlocked.Read(ref _bodies);

    public void Count(int status) => Interlocked.Increment(ref _statuses[Math.Clamp(status, 0, 599)]);

    public void Fail(string reason) => _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public long Successes => Enumerable.Range(200, 100).Sum(s => Interlocked.Read(ref _statuses[s]));

    public long Errors => Enumerable.Range(0, 600).Where(s => s is < 200 or >= 300).Sum(s => Interlocked.Read(ref _statuses[s]))
        + _failures.Values.Sum();

    public long Of(int status) => Interlocked.Read(ref _statuses[status]);

    /// <summary>"409 ×12, HttpRequestException: … ×3", or "" when every answer was a success.</summary>
    public string Describe()
    {
        var parts = Enumerable.Range(0, 600).Where(s => s is < 200 or >= 300 && _statuses[s] > 0).Select(s => $"{s} ×{_statuses[s]}")
            .Concat(_failures.OrderByDescending(f => f.Value).Take(3).Select(f => $"{f.Key} ×{f.Value}"));
        return string.Join(", ", parts);
    }
}

/// <summary>CPU used by the host and by this process over a phase, to show how the two cores were shared.</summary>
internal readonly record struct CpuSample(TimeSpan Host, TimeSpan Bench, long Timestamp)
{
    public static CpuSample Take(Func<TimeSpan> hostCpu) =>
        new(hostCpu(), Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp());

    public CpuUse Since(CpuSample start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        return new CpuUse((Host - start.Host).TotalSeconds / wall, (Bench - start.Bench).TotalSeconds / wall);
    }
}

/// <summary>Average cores busy during a phase (2.0 = both cores of this machine).</summary>
internal readonly record struct CpuUse(double HostCores, double BenchCores);
