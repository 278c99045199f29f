using Runner.Host.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Runner.Host.OpenApi;
using Runner.Identity;
using Runner.Kernel.Hosting;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Host.Composition;

public static class Pipeline
{
    /// <summary>
    /// The HTTP pipeline: problems for every failure, key authentication, permission checks, admin query parameters
    /// checked, then the endpoints.
    /// </summary>
    public static WebApplication UseRunner(this WebApplication app)
    {
        app.UseInternalCalls(); // the pages' own calls to the API take on their visitor (Web/Api/InternalCalls.cs)
        app.UseExceptionHandler();
        app.UseRunnerStatusCodePages(); // problems for the API, the storefront's 404 page for a browser (Web/NotFoundPages.cs)
        app.UseStartupGate();
        app.UseCors(); // storefront origins listed on the channels (StorefrontCorsPolicyProvider)
        app.UseAuthentication();
        app.UseAuditLog(); // after authentication (it names the actor), before authorization (a refused attempt is recorded too)
        app.UseAuthorization();
        app.UseKnownQueryParameters();
        app.UseAntiforgery(); // the pages' forms (the API checks its cookie-authenticated writes itself)

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowPublic().WithTags("Health").WithSummary("The process is up");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowPublic().WithTags("Health").WithSummary("The process can serve: its database answers");
        app.MapRunnerOpenApi();
        RunnerComposition.MapModules(app);
        app.MapRunnerWeb();
        return app;
    }

    /// <summary>
    /// The server listens while the start-up prepares the database; until then every request but the health probes
    /// gets a 503 problem with <c>Retry-After</c> (the readiness probe a plain 503 "Starting"), so nothing reads or writes
    /// a database that is not ready.
    /// </summary>
    private static void UseStartupGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<StartupGate>();
        var starting = new Error("service.starting", "Runner is starting: the database and the store are being prepared. Retry in a moment.", ErrorKind.Unavailable);
        app.Use(async (context, next) =>
        {
            if (gate.IsOpen || context.Request.Path.StartsWithSegments("/health/live"))
            {
                await next(context);
                return;
            }
            context.Response.Headers.RetryAfter = "1";
            if (context.Request.Path.StartsWithSegments("/health/ready"))
            {
                // Answered here rather than by a failing health check, which would log an error for every probe.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Starting");
                return;
            }
            await Problems.Of(starting).ExecuteAsync(context);
        });
    }
}
