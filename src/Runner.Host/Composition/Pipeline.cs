using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Runner.Host.OpenApi;
using Runner.Kernel.Http;

namespace Runner.Host.Composition;

public static class Pipeline
{
    /// <summary>The HTTP pipeline: problems for every failure, key authentication, permission checks, then the endpoints.</summary>
    public static WebApplication UseRunner(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowPublic().WithTags("Health").WithSummary("The process is up");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowPublic().WithTags("Health").WithSummary("The process can serve: its database answers");
        app.MapRunnerOpenApi();
        RunnerComposition.MapModules(app);
        return app;
    }
}
