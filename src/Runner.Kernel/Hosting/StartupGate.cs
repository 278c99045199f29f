using Microsoft.Extensions.DependencyInjection;

namespace Runner.Kernel.Hosting;

/// <summary>
/// Open once the process has brought its database to the current schema and made the store usable. The server
/// listens before that (so the first requests, and the readiness probes, warm it up while the database is being
/// prepared) but answers only the health endpoints until the gate opens; background work waits for it too.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the gate opens; faults with the start-up's failure.</summary>
    public Task Ready => _ready.Task;

    public void Open() => _ready.TrySetResult();

    public void Fail(Exception error) => _ready.TrySetException(error);

    /// <summary>Waits for the gate; false when <paramref name="ct"/> fired or the start-up failed.</summary>
    public async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            await _ready.Task.WaitAsync(ct);
            return true;
        }
        catch (Exception) when (ct.IsCancellationRequested || _ready.Task.IsFaulted)
        {
            return false;
        }
    }
}

public static class StartupGateExtensions
{
    /// <summary>For background services: waits until the start-up has opened the gate (false if stopped first).</summary>
    public static Task<bool> WaitForStartupAsync(this IServiceScopeFactory scopes, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<StartupGate>().WaitAsync(ct);
    }
}
