using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Kernel.Http;

/// <summary>
/// The last line: turns every exception into a problem response. Bad input (unreadable JSON, a query parameter of
/// the wrong type, a <see cref="DomainException"/>) is a 4xx that names the field; anything else is a 500 whose
/// body reveals nothing but the trace id.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var error = Classify(exception);
        if (error is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}.", context.Request.Method, context.Request.Path);
            error = new Error("server.error", "Something went wrong on our side. The trace id identifies it in the logs.", (ErrorKind)(-1));
        }
        var details = error.ToProblemDetails();
        details.Status = exception is BadHttpRequestException { StatusCode: var s and (413 or 415) } ? s
            : (int)error.Kind == -1 ? StatusCodes.Status500InternalServerError
            : Problems.StatusOf(error.Kind);
        details.Title = Problems.TitleOf(details.Status.Value);
        context.Response.StatusCode = details.Status.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    internal static Error? Classify(Exception exception) => exception switch
    {
        DomainException d => d.Error,
        BadHttpRequestException { InnerException: JsonException json } => JsonErrors.FromException(json),
        BadHttpRequestException { StatusCode: 413 } => new Error("request.too_large", "The request body is too large.", ErrorKind.Validation),
        BadHttpRequestException { StatusCode: 415 } b => new Error("request.unsupported_media_type", b.Message, ErrorKind.Validation),
        BadHttpRequestException b when b.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) => ParameterError(b.Message),
        BadHttpRequestException b when b.Message.StartsWith("Required parameter", StringComparison.Ordinal) => ParameterError(b.Message),
        BadHttpRequestException b when b.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
            Error.Invalid("body", "request.malformed_json", "The request needs a JSON body."),
        BadHttpRequestException b => new Error("request.invalid", b.Message, ErrorKind.Validation),
        DbUpdateConcurrencyException => Error.Conflict("request.concurrent_update",
            "The resource was changed by another request at the same time; read it again and retry."),
        DbUpdateException u when u.IsUniqueViolation() => Error.Conflict("request.duplicate",
            "Another request created the same unique value (a handle or SKU) at the same time; nothing was changed."),
        _ => null,
    };

    private static Error ParameterError(string message)
    {
        // "Failed to bind parameter "int? limit" from "abc"." → field "limit"
        var start = message.IndexOf('"');
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        var declared = start >= 0 && end > start ? message[(start + 1)..end] : "parameter";
        var name = declared.Split(' ').Last();
        return Error.Invalid(name, "request.invalid_parameter", $"'{name}' has the wrong type or format.");
    }
}
