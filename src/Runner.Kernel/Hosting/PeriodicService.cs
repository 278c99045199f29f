using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Runner.Kernel.Actors;

namespace Runner.Kernel.Hosting;

/// <summary>
/// Background work that runs one pass every <see cref="Interval"/> as the system actor, once the start-up gate is open.
/// A failed pass is logged and the next one runs after the interval; stopping the host ends the loop.
/// </summary>
public abstract class PeriodicService(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected IServiceScopeFactory Scopes { get; } = scopes;
    protected TimeProvider Clock { get; } = clock;

    protected abstract bool Enabled { get; }
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a pass does, for the log ("Payment sweep").</summary>
    protected abstract string PassName { get; }

    protected abstract Task RunPassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled || !await Scopes.WaitForStartupAsync(stoppingToken)) return;
        using var _ = ActorScope.Use(Actor.System);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogWarning(e, "{Pass} failed; retrying after the interval.", PassName);
            }
            try { await Task.Delay(Interval, Clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
