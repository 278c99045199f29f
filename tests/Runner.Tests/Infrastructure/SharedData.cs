namespace Runner.Tests.Infrastructure;

/// <summary>
/// Finds the reference files in ../shared/data beside the checkout (or RUNNER_SHARED_DATA). Tests that need them
/// skip with a clear message where the folder is absent.
/// </summary>
public static class SharedData
{
    public static string? Find(string relative)
    {
        if (Environment.GetEnvironmentVariable("RUNNER_SHARED_DATA") is { Length: > 0 } root)
        {
            var configured = Path.Combine(root, relative);
            return File.Exists(configured) ? configured : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require(string relative)
    {
        var path = Find(relative);
        Skip.If(path is null, $"../shared/data/{relative} is not beside the checkout, so this check cannot run.");
        return path!;
    }
}
