namespace Runner.Kernel.Results;

/// <summary>What kind of failure an error is; decides the HTTP status it maps to.</summary>
public enum ErrorKind
{
    Validation,   // 400: the request is malformed or a field is invalid
    NotFound,     // 404: the resource (or an id the request names) does not exist
    Conflict,     // 409: the request clashes with the current state (duplicate SKU, insufficient stock)
    Unprocessable, // 422: well-formed but not allowed by a business rule
    PreconditionFailed, // 412: If-Match did not match the current version
    Unauthorized, // 401
    Forbidden,    // 403
    Unavailable,  // 503: the process cannot serve yet (starting) or a dependency is down
    TooManyRequests, // 429: a rate limit or a lockout; retry later
    PayloadTooLarge, // 413: the request body is over the endpoint's limit
    UnsupportedMediaType, // 415: the body is of a kind the endpoint does not take (an upload that is no image)
}

/// <summary>
/// A failure with a stable, dotted <see cref="Code"/> (<c>inventory.insufficient_stock</c>) that clients may
/// switch on, a human message, and, for validation, the offending fields (JSON-pointer-like paths).
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Error Validation(string code, string message, IReadOnlyDictionary<string, string[]>? fields = null) =>
        new(code, message, ErrorKind.Validation, fields);

    public static Error Invalid(string field, string code, string message) =>
        new(code, message, ErrorKind.Validation, new Dictionary<string, string[]> { [field] = [message] });

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static Error Unprocessable(string code, string message) => new(code, message, ErrorKind.Unprocessable);
}

/// <summary>Thrown from deep inside a use case to abort it with a typed error; mapped to a problem response.</summary>
public sealed class DomainException(Error error) : Exception(error.Message)
{
    public Error Error { get; } = error;
}
