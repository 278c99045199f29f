using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Host.Composition;

/// <summary>Ready means the start-up has prepared the database and the store, and the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(RunnerDbContext db, StartupGate gate) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (gate.Ready.IsFaulted) return HealthCheckResult.Unhealthy("The start-up failed.", gate.Ready.Exception);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
