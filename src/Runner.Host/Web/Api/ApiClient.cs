using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;

namespace Runner.Host.Web.Api;

/// <summary>An RFC 9457 problem the API answered, as a page shows it.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, string? Code, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>What a page tells when a change it sent met a newer version of the thing (a 412 of its If-Match).</summary>
    public const string ChangedMeanwhile =
        "Someone else changed this since the page was opened, so nothing was saved. Reload the page to see their change, then make yours again.";

    /// <summary>What to tell the person: the detail, else the title, with the field messages after it.</summary>
    public string Message
    {
        get
        {
            if (Status == 412 && Code is { } code && code.EndsWith("version_mismatch", StringComparison.Ordinal)) return ChangedMeanwhile;
            var head = Detail is { Length: > 0 } d ? d : Title;
            var fields = (Errors?.Values.SelectMany(m => m) ?? []).Distinct().Where(m => !head.Contains(m, StringComparison.Ordinal));
            return string.Join(" ", fields.Prepend(head));
        }
    }
}

/// <summary>What a call answered: the value, or the problem (never both).</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem, HttpStatusCode Status, IReadOnlyList<string> SetCookies)
{
    public bool Ok => Problem is null;

    /// <summary>Hands the cookies the API set (a sign-in's, a sign-out's) to the visitor's browser as they were given.</summary>
    public void HandCookiesTo(HttpContext visitor)
    {
        foreach (var cookie in SetCookies) visitor.Response.Headers.Append("Set-Cookie", cookie);
    }
}

/// <summary>
/// The pages' way to the API: a call over loopback HTTP to this very process (<see cref="SelfAddress"/>), stamped
/// with the visitor's address (<see cref="InternalCalls"/>) and carrying their credentials, so the pages follow every rule
/// the API follows (validation, permissions, idempotency, the audit log) and add none of their own.
/// </summary>
public abstract class ApiClient(HttpClient http, IHttpContextAccessor accessor, SelfAddress self, InternalCalls calls, IAntiforgery antiforgery)
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    public const string AntiforgeryCookie = "__Host-runner-af";

    protected HttpContext Visitor => accessor.HttpContext ?? throw new InvalidOperationException("The API client serves a request.");

    /// <summary>The cookies of the visitor this client forwards (the sign-in cookie of its kind and the antiforgery cookie).</summary>
    protected abstract IEnumerable<string> ForwardedCookies { get; }

    /// <summary>Adds this client's own credentials (a publishable key).</summary>
    protected virtual void Authorize(HttpRequestMessage request) { }

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Get, path, null, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, idempotencyKey, ct);

    /// <summary>A change; with <paramref name="ifMatch"/> (an ETag the page read), refused with 412 if the thing changed since.</summary>
    public Task<ApiResult<T>> PatchAsync<T>(string path, object body, string? ifMatch = null, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Patch, path, body, null, ct, ifMatch);

    /// <summary>A replacement; with <paramref name="ifMatch"/> (an ETag the page read), refused with 412 if the thing changed since.</summary>
    public Task<ApiResult<T>> PutAsync<T>(string path, object body, string? ifMatch = null, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, null, ct, ifMatch);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Delete, path, null, null, ct);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken ct,
        string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(self.Value, path.TrimStart('/')));
        var visitor = Visitor;
        calls.Stamp(request, visitor);
        Authorize(request);
        var cookies = ForwardedCookies.Where(visitor.Request.Cookies.ContainsKey)
            .ToDictionary(name => name, name => visitor.Request.Cookies[name]!);
        if (method != HttpMethod.Get && cookies.Count > 0)
        {
            // A change made with a sign-in cookie carries the antiforgery token, as the browser's own call would.
            var tokens = antiforgery.GetAndStoreTokens(visitor);
            if (tokens.CookieToken is { } cookie) cookies[AntiforgeryCookie] = cookie;
            if (tokens.HeaderName is { } header) request.Headers.TryAddWithoutValidation(header, tokens.RequestToken);
        }
        if (cookies.Count > 0)
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        // A body that is content already (a CSV file an import takes as it is) goes as it is; anything else as JSON.
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);

        using var response = await http.SendAsync(request, ct);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        if (response.IsSuccessStatusCode)
        {
            var value = response.Content.Headers.ContentLength == 0 || response.StatusCode == HttpStatusCode.NoContent
                ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct);
            return new ApiResult<T>(value, null, response.StatusCode, setCookies);
        }
        return new ApiResult<T>(default, await ReadProblemAsync(response, ct), response.StatusCode, setCookies);
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var p = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, ct);
            if (p is not null) return new ApiProblem(status, p.Title ?? response.ReasonPhrase ?? "Error", p.Detail, p.Code, p.Errors);
        }
        catch (JsonException)
        {
        }
        return new ApiProblem(status, response.ReasonPhrase ?? "Error", null, null, null);
    }

    private sealed record ProblemBody(string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors);

    private static JsonSerializerOptions CreateJson()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return o;
    }
}

/// <summary>The storefront's calls: the storefront's publishable key, and the shopper's sign-in cookie when they have one.</summary>
public sealed class StoreApi(HttpClient http, IHttpContextAccessor accessor, SelfAddress self, InternalCalls calls, IAntiforgery antiforgery,
    StorefrontKey key) : ApiClient(http, accessor, self, calls, antiforgery)
{
    public const string CustomerCookie = "__Host-runner-customer";

    public string? PublishableKey => key.Value;

    protected override IEnumerable<string> ForwardedCookies => [CustomerCookie, AntiforgeryCookie];

    protected override void Authorize(HttpRequestMessage request)
    {
        if (key.Value is { } value) request.Headers.TryAddWithoutValidation("X-Publishable-Key", value);
    }
}

/// <summary>The dashboard's calls: the staff member's sign-in cookie.</summary>
public sealed class AdminApi(HttpClient http, IHttpContextAccessor accessor, SelfAddress self, InternalCalls calls, IAntiforgery antiforgery)
    : ApiClient(http, accessor, self, calls, antiforgery)
{
    public const string StaffCookie = "__Host-runner-staff";

    protected override IEnumerable<string> ForwardedCookies => [StaffCookie, AntiforgeryCookie];
}
