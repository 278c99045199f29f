using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Runner.BrowserTests;

/// <summary>
/// Runner as a merchant starts it: the host's own build output run as a separate process on 127.0.0.1, on a new SQLite
/// file with the demo store, with its keys and first Owner fixed so the tests can sign in; browsers reach it at
/// http://localhost. Killed on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    public Uri BaseAddress { get; }
    public string Folder { get; }
    public string AdminKey { get; }
    public string PublishableKey { get; }
    public string OwnerEmail => "owner@juniper-pine.example";
    public string OwnerPassword { get; }
    public string MailFolder => Path.Combine(Folder, "mail");

    private HostProcess(Process process, Uri baseAddress, string folder, string adminKey, string publishableKey, string ownerPassword)
    {
        (_process, BaseAddress, Folder, AdminKey, PublishableKey, OwnerPassword) = (process, baseAddress, folder, adminKey, publishableKey, ownerPassword);
    }

    public static async Task<HostProcess> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "runner-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (admin, publishable) = ("rk_" + RandomNumberGenerator.GetString(Alphabet, 40), "pk_" + RandomNumberGenerator.GetString(Alphabet, 40));
        var password = "Owner-" + RandomNumberGenerator.GetString(Alphabet, 16);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            HostDll(), "--urls", $"http://127.0.0.1:{port}",
            "--Runner:Database:Provider=sqlite", $"--Runner:Database:ConnectionString=Data Source={Path.Combine(folder, "runner.db")}",
            "--Runner:Seed:Demo=true", $"--Runner:Bootstrap:AdminKey={admin}", $"--Runner:Bootstrap:PublishableKey={publishable}",
            "--Runner:Bootstrap:OwnerEmail=owner@juniper-pine.example", $"--Runner:Bootstrap:OwnerPassword={password}",
            // Browsers open it as http://localhost (passkeys need a domain name, not an address).
            $"--Runner:PublicUrl=http://localhost:{port}",
            $"--Runner:Email:PickupDirectory={Path.Combine(folder, "mail")}", "--Runner:Console:Banner=false",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, new Uri($"http://localhost:{port}/"), folder, admin, publishable, password);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary><c>src/Runner.Host/bin/{Debug|Release}/net10.0/Runner.Host.dll</c>, built with these tests.</summary>
    private static string HostDll()
    {
        var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Runner.slnx"))) continue;
            var dll = Path.Combine(dir.FullName, "src", "Runner.Host", "bin", configuration, "net10.0", "Runner.Host.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the host first (dotnet build).", dll);
        }
        throw new InvalidOperationException("Runner.slnx not found above " + AppContext.BaseDirectory);
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output()}");
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The host was not ready after 90 s:\n{Output()}");
    }

    /// <summary>The host's last lines of output (warnings and errors), for a failing test's message.</summary>
    public string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200) _output.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
