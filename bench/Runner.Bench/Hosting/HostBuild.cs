using System.Diagnostics;
using System.Security.Cryptography;

namespace Runner.Bench.Hosting;

/// <summary>The keys the host is started with: fresh for each run, fixed through the host's bootstrap settings.</summary>
internal sealed record BenchKeys(string Admin, string Publishable)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static BenchKeys New() => new("rk_" + RandomNumberGenerator.GetString(Alphabet, 48), "pk_" + RandomNumberGenerator.GetString(Alphabet, 48));
}

/// <summary>Finds the repository and the Release build of the host, building it once when it is missing.</summary>
internal static class HostBuild
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Runner.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Runner.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// <c>src/Runner.Host/bin/Release/net10.0/Runner.Host.dll</c>. A Release build of the bench has just built it (it
    /// references the host); otherwise it is built here with <c>dotnet build -c Release src/Runner.Host</c>.
    /// </summary>
    public static async Task<string> EnsureReleaseHostAsync(CancellationToken ct)
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "src", "Runner.Host", "bin", "Release", "net10.0", "Runner.Host.dll");
        if (IsReleaseBuild() && File.Exists(dll)) return dll;
        Console.Out.WriteLine("Building the host in Release: dotnet build -c Release src/Runner.Host");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var arg in new[] { "build", "-c", "Release", "src/Runner.Host", "-nologo", "-v", "q" }) start.ArgumentList.Add(arg);
        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0 || !File.Exists(dll))
            throw new InvalidOperationException($"dotnet build -c Release src/Runner.Host failed (exit code {build.ExitCode}).");
        return dll;
    }

    public static bool IsReleaseBuild() =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal);
}
