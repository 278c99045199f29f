using System.Globalization;
using System.Runtime.InteropServices;

namespace Runner.Bench.Report;

/// <summary>Where the figures were made: CPU model, cores, memory, OS, .NET, and the load average at that moment.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Memory, string Os, string Runtime)
{
    public static MachineInfo Read() => new(
        ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        ReadMemory(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public override string ToString() => $"{Cpu}, {Cores} cores, {Memory} RAM, {Os}, {Runtime}";

    /// <summary>
    /// How fast the machine computes at this moment: the CPU time of a fixed piece of work like the engine's own (small
    /// dictionaries built, written as JSON and read back, 100,000 times; best of three). Shared machines run the same
    /// code up to twice as slowly from one minute to the next; this figure in each block tells a change in the engine
    /// from a change in the machine.
    /// </summary>
    public static string Speed()
    {
        var best = TimeSpan.MaxValue;
        var sink = 0;
        for (var round = 0; round < 3; round++)
        {
            var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < 100_000; i++)
            {
                var values = new Dictionary<string, long>(8);
                for (var j = 0; j < 8; j++) values["key" + j] = i * j;
                var json = System.Text.Json.JsonSerializer.Serialize(values);
                sink += System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(json)!.Count;
            }
            var spent = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before;
            if (spent < best) best = spent;
        }
        GC.KeepAlive(sink);
        return $"speed check {best.TotalMilliseconds:N0} ms of CPU for a fixed JSON and dictionary workload";
    }

    /// <summary>The load averages and the speed check, as each block's load line gives them before and after a run.</summary>
    public static string LoadAndSpeed() => $"{LoadAverage()} ({Speed()})";

    /// <summary>The 1, 5 and 15 minute load averages (as <c>uptime</c> prints them).</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {parts[0]}, {parts[1]}, {parts[2]}";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
    }

    private static string ReadMemory()
    {
        var line = ReadLine("/proc/meminfo", "MemTotal");
        if (line is null) return "unknown";
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        return $"{kb / 1024.0 / 1024.0:F1} GiB";
    }

    private static string? ReadLine(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }
}
