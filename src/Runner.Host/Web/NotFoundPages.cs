using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Runner.Kernel.Http;

namespace Runner.Host.Web;

/// <summary>
/// What an empty error answer becomes. The API's callers get an RFC 9457 problem in JSON, whatever they accept. A browser that asks for a
/// page at an address nothing serves (a GET or HEAD that accepts <c>text/html</c>, outside the API's paths) gets the
/// storefront's "Page not found" page instead, still with status 404, rendered by running the request again at
/// <see cref="Path"/> (as <c>UseStatusCodePagesWithReExecute</c> does, but for pages only).
/// </summary>
public static class NotFoundPages
{
    public const string Path = "/not-found";

    /// <summary>The paths of the API and the host's own endpoints: never given a page.</summary>
    private static readonly string[] ApiPaths = ["/admin", "/store", "/health", "/openapi", "/webhooks", "/_framework", "/_content"];

    public static WebApplication UseRunnerStatusCodePages(this WebApplication app)
    {
        app.Use(next =>
        {
            var again = Rerouted(app, next);
            var options = new StatusCodePagesOptions
            {
                HandleAsync = context => context.HttpContext.Response.StatusCode == StatusCodes.Status404NotFound
                    && WantsPage(context.HttpContext.Request)
                    ? RenderAsync(context.HttpContext, again)
                    : ProblemAsync(context.HttpContext),
            };
            return new StatusCodePagesMiddleware(next, Options.Create(options)).Invoke;
        });
        return app;
    }

    /// <summary>
    /// The rest of the pipeline with routing in front of it: the host's routing runs at the start of the pipeline, so
    /// a request run again at another path must be routed again (this is what ASP.NET Core's re-execution does).
    /// </summary>
    private static RequestDelegate Rerouted(WebApplication app, RequestDelegate next)
    {
        const string globalRoutes = "__GlobalEndpointRouteBuilder";
        var builder = ((IApplicationBuilder)app).New();
        if (((IApplicationBuilder)app).Properties.TryGetValue(globalRoutes, out var routes)) builder.Properties[globalRoutes] = routes;
        builder.UseRouting();
        builder.Run(next);
        return builder.Build();
    }

    /// <summary>The status as a problem, in JSON whatever the request accepts (the framework's writer would fall back to text).</summary>
    private static Task ProblemAsync(HttpContext http)
    {
        var problem = new ProblemDetails { Status = http.Response.StatusCode };
        Problems.Customize(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }

    /// <summary>A browser's navigation to a page: GET or HEAD, HTML accepted, not an API path.</summary>
    public static bool WantsPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !ApiPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static async Task RenderAsync(HttpContext http, RequestDelegate again)
    {
        var (path, query) = (http.Request.Path, http.Request.QueryString);
        var routeValues = http.Features.Get<IRouteValuesFeature>();
        http.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature
        {
            OriginalPathBase = http.Request.PathBase.Value!,
            OriginalPath = path.Value!,
            OriginalQueryString = query.HasValue ? query.Value : null,
        });
        http.SetEndpoint(null);
        routeValues?.RouteValues.Clear();
        http.Request.Path = Path;
        http.Request.QueryString = QueryString.Empty;
        try
        {
            await again(http);
        }
        finally
        {
            http.Request.Path = path;
            http.Request.QueryString = query;
            http.Features.Set<IStatusCodeReExecuteFeature?>(null);
        }
    }
}
