using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Runner.Tests.Platform;

/// <summary>The host run as a process, as the README's command runs it.</summary>
public class HostProcessTests
{
    [Fact]
    public async Task AnAddressAlreadyInUse_StopsTheStart_WithExitCode1_AndSaysWhatToDo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var folder = Directory.CreateTempSubdirectory("runner-port-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Runner.Host.dll"), "--urls", $"http://127.0.0.1:{port}" })
                start.ArgumentList.Add(arg);
            using var host = Process.Start(start)!;
            var output = host.StandardOutput.ReadToEndAsync();
            var errors = host.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await host.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, host.ExitCode); // not 134: no abort
            var said = await output + await errors;
            Assert.Contains($"Runner could not start: Failed to bind to address http://127.0.0.1:{port}", said);
            Assert.Contains("--urls", said);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
