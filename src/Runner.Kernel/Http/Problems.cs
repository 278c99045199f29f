using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Runner.Kernel.Results;

namespace Runner.Kernel.Http;

/// <summary>
/// Maps <see cref="Error"/> to RFC 9457 problem details: <c>type</c> names the code as a URN, <c>code</c> is the
/// stable code clients switch on, <c>errors</c> names the offending fields, and <c>traceId</c> ties it to the logs.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemDetails ToProblemDetails(this Error error)
    {
        var status = StatusOf(error.Kind);
        var problem = new ProblemDetails
        {
            Type = TypeOf(error.Code),
            Title = TitleOf(status),
            Status = status,
            Detail = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Fields is { Count: > 0 }) problem.Extensions["errors"] = error.Fields;
        if (error.Extensions is not null)
            foreach (var (key, value) in error.Extensions) problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>The problem response for an error, written through the app's problem details service.</summary>
    public static ProblemHttpResult Of(Error error) => TypedResults.Problem(error.ToProblemDetails());

    public static string TypeOf(string code) => "urn:runner:problem:" + code;

    public static string TitleOf(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "This action is not permitted.",
        404 => "Not found.",
        405 => "Method not allowed.",
        409 => "The request conflicts with the current state.",
        412 => "The resource has changed.",
        413 => "The request is too large.",
        415 => "Unsupported media type.",
        422 => "The request cannot be processed.",
        429 => "Too many requests.",
        503 => "The service is unavailable.",
        _ => "An unexpected error occurred.",
    };

    /// <summary>Adds <c>traceId</c> to every problem (and a <c>code</c> to the framework's own, such as 404 and 405).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Instance ??= context.HttpContext.Request.Path;
        if (!problem.Extensions.ContainsKey("code"))
        {
            var code = problem.Status switch
            {
                401 => "auth.unauthenticated",
                403 => "auth.forbidden",
                404 => "request.not_found",
                405 => "request.method_not_allowed",
                413 => "request.too_large",
                415 => "request.unsupported_media_type",
                _ when problem.Status >= 500 => "server.error",
                _ => "request.invalid",
            };
            problem.Extensions["code"] = code;
            problem.Type = TypeOf(code);
            problem.Title = TitleOf(problem.Status ?? 500);
            problem.Detail ??= problem.Status switch
            {
                404 => "Nothing is at this address; the API reference at /docs lists every endpoint.",
                405 => "This address does not take this method.",
                413 => "The request body is too large.",
                415 => "Send the body as JSON with Content-Type: application/json.",
                _ => problem.Title,
            };
        }
    }
}
