using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Runner.Bench.Hosting;

/// <summary>
/// The engine under test: the Release build of Runner.Host started as a separate process on 127.0.0.1, on the
/// run's database, without the demo seed. It is killed (with its children) on dispose, on Ctrl+C and on exit.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    /// <summary>From the process start to the first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>CPU time (user + system) the host has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU time of the host's background JIT threads, which recompile hot methods with full optimization (tier-up), since
    /// the first call; null where it cannot be read (not Linux). While they are busy the host is still warming up. The
    /// runtime ends such a thread when it runs out of work and starts another later, so each thread's time is followed
    /// by its id and a thread that ended keeps what it used.
    /// </summary>
    public TimeSpan? TierUpCpuTime()
    {
        if (!OperatingSystem.IsLinux() || _process.HasExited) return null;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal)) continue;
                // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in 1/100 s.
                var fields = File.ReadAllText(Path.Combine(task, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var used = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10;
                var id = Path.GetFileName(task);
                _tierUpMs += used - _tierUpSeen.GetValueOrDefault(id);
                _tierUpSeen[id] = used;
            }
        }
        catch (IOException) { } // a thread that ended while being read: its time so far is kept
        catch (UnauthorizedAccessException) { return null; }
        return TimeSpan.FromMilliseconds(_tierUpMs);
    }

    private readonly Dictionary<string, long> _tierUpSeen = [];
    private long _tierUpMs;

    /// <param name="settings">More settings (<c>--Key=value</c>), after the bench's own: a later one wins.</param>
    public static async Task<HostProcess> StartAsync(string hostDll, BenchDatabase database, BenchKeys keys, CancellationToken ct,
        IReadOnlyList<string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = database.WorkFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            hostDll, "--urls", $"http://127.0.0.1:{port}",
            $"--Runner:Database:Provider={database.Provider}",
            $"--Runner:Database:ConnectionString={database.ConnectionString}",
            $"--Runner:Bootstrap:AdminKey={keys.Admin}",
            $"--Runner:Bootstrap:PublishableKey={keys.Publishable}",
            "--Runner:Seed:Demo=false", "--Runner:Console:Banner=false", "--Logging:LogLevel:Default=Warning",
        }.Concat(settings ?? []))
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(clock, ct);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private async Task WaitReadyAsync(Stopwatch clock, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{string.Join('\n', _lastLines)}");
            try
            {
                using var response = await http.GetAsync("health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyAfter = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(10, ct);
        }
        throw new TimeoutException($"The host was not ready after 120 s:\n{string.Join('\n', _lastLines)}");
    }

    /// <summary>
    /// Waits until the host is idle (under 0.1 core over a second), at most <paramref name="limit"/>: after an
    /// overloaded open loop it may still be working through requests whose clients gave up, and that backlog must
    /// not be measured as the next scenario's. Returns how long it took.
    /// </summary>
    public async Task<TimeSpan> WaitIdleAsync(TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var before = CpuTime();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            if ((CpuTime() - before).TotalSeconds < 0.1) break;
        }
        return clock.Elapsed;
    }

    /// <summary>The host's last lines of output (warnings and errors at this log level), for reports.</summary>
    public string LastOutput()
    {
        lock (_lastLines) return string.Join('\n', _lastLines);
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { Console.Error.WriteLine($"The host (pid {_process.Id}) did not exit within 10 s."); }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
