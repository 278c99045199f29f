using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Identity.Sessions;

/// <summary>
/// A sign-in kept in a cookie instead of handed out as tokens, for pages served by Runner itself (the reference
/// storefront, the dashboard): a sign-in endpoint called with <c>useCookie: true</c> sets it. The cookie is the
/// framework's (<see cref="CookieAuthenticationHandler"/>): <c>__Host-</c> prefixed, <c>Secure</c>, <c>HttpOnly</c>,
/// <c>SameSite=Lax</c> for shoppers (a link from an email arrives signed in) and <c>Strict</c> for staff, sealed with
/// Data Protection keys kept in the database so every host process reads it. It names the sign-in (the same session
/// family tokens use), so signing out, a changed password or a disabled account end it at once.
/// <para>
/// A request authenticated by one of these cookies that changes something (any method but GET, HEAD, OPTIONS, TRACE)
/// must carry the antiforgery token in <see cref="AntiforgeryHeader"/> (from <c>GET /store/auth/antiforgery</c> or
/// <c>GET /admin/auth/antiforgery</c>), so another site cannot make the browser act for its user.
/// </para>
/// </summary>
/// <summary>A sign-in request that may ask for a cookie instead of tokens.</summary>
public interface ICookieSignIn
{
    bool UseCookie { get; }
}

internal static class SessionCookies
{
    public const string CustomerScheme = "RunnerCustomerCookie";
    public const string StaffScheme = "RunnerStaffCookie";
    public const string CustomerCookie = "__Host-runner-customer";
    public const string StaffCookie = "__Host-runner-staff";
    public const string AntiforgeryCookie = "__Host-runner-af";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
    private const string FamilyClaim = "runner:sid";

    public static AuthenticationBuilder AddSessionCookies(this AuthenticationBuilder builder)
    {
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.HeaderName = AntiforgeryHeader;
        });
        LoopbackAntiforgery.Decorate(builder.Services);
        return builder
            .AddCookie(CustomerScheme, o => Configure(o, CustomerCookie, SameSiteMode.Lax))
            .AddCookie(StaffScheme, o => Configure(o, StaffCookie, SameSiteMode.Strict));
    }

    private static void Configure(CookieAuthenticationOptions o, string name, SameSiteMode sameSite)
    {
        o.Cookie.Name = name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        o.Cookie.SameSite = sameSite;
        o.Cookie.Path = "/";
        o.ExpireTimeSpan = SessionTokens.RefreshLifetime;
        o.SlidingExpiration = false;
        // Never redirect: the API answers problems, and pages decide for themselves where to send a signed-out visitor.
        o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    }

    private static string SchemeOf(SessionKind kind) => kind == SessionKind.Staff ? StaffScheme : CustomerScheme;

    /// <summary>Keeps the sign-in <paramref name="issued"/> (just made) in the cookie of its kind; its tokens are not handed out.</summary>
    public static Task SignInAsync(HttpContext http, SessionKind kind, TokenResponse issued)
    {
        var (subject, family) = SessionTokens.Describe(issued.AccessToken);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, subject.ToString()), new Claim(FamilyClaim, family.ToString())],
            SchemeOf(kind));
        return http.SignInAsync(SchemeOf(kind), new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>
    /// When <paramref name="useCookie"/>, keeps the sign-in in the cookie and answers true (the endpoint then answers
    /// 204 without tokens); else false and the tokens go in the body.
    /// </summary>
    public static async Task<bool> KeepAsync(HttpContext http, SessionKind kind, TokenResponse issued, bool useCookie)
    {
        if (!useCookie) return false;
        await SignInAsync(http, kind, issued);
        return true;
    }

    public static Task SignOutAsync(HttpContext http, SessionKind kind) => http.SignOutAsync(SchemeOf(kind));

    /// <summary>True when the request carries a cookie of this kind (valid or not).</summary>
    public static bool Present(HttpContext http, SessionKind kind) =>
        http.Request.Cookies.ContainsKey(kind == SessionKind.Staff ? StaffCookie : CustomerCookie);

    /// <summary>The sign-in the cookie names, when it is sealed by Runner and unexpired (the caller checks it is live).</summary>
    public static async Task<(Guid Subject, Guid Family)?> ReadAsync(HttpContext http, SessionKind kind)
    {
        var result = await http.AuthenticateAsync(SchemeOf(kind));
        if (!result.Succeeded) return null;
        return Guid.TryParse(result.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var subject)
            && Guid.TryParse(result.Principal.FindFirstValue(FamilyClaim), out var family) ? (subject, family) : null;
    }

    /// <summary>
    /// True when the request may act with its cookie: a safe method, or an antiforgery token matching the antiforgery
    /// cookie. The tokens are not bound to a user (they are made before one is known); the cookie pair alone is what
    /// another site cannot read or forge.
    /// </summary>
    public static Task<bool> AntiforgeryHoldsAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
            return Task.FromResult(true);
        if (!SecureContext(http)) return Task.FromResult(false);
        return AsAnonymous(http, () => http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http));
    }

    /// <summary>A request token for <see cref="AntiforgeryHeader"/>, setting the antiforgery cookie when needed (<see cref="SecureContext"/> only).</summary>
    public static Task<string> AntiforgeryTokenAsync(HttpContext http) =>
        AsAnonymous(http, () => Task.FromResult(http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!));

    /// <summary>
    /// True where a browser keeps and sends back <c>Secure</c> cookies: HTTPS, or plain HTTP from this machine to a
    /// loopback name (browsers treat <c>http://localhost</c> and <c>http://127.0.0.1</c> as secure contexts), as when a
    /// merchant opens the dashboard that <c>dotnet run</c> serves. A proxy on the same machine forwards the public host
    /// name, so its requests are not taken for this.
    /// </summary>
    public static bool SecureContext(HttpContext http) => http.Request.IsHttps || OnLoopback(http);

    private static bool OnLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
        && http.Request.Host.Host.Trim('[', ']').ToLowerInvariant() is "localhost" or "127.0.0.1" or "::1";

    /// <summary>
    /// Cookies are <c>Secure</c>: over plain HTTP a browser would not send them back, so asking for one there is refused
    /// up front (behind a proxy that ends TLS, forward the scheme: <c>X-Forwarded-Proto</c>).
    /// </summary>
    public static readonly Error HttpsRequired = new("auth.https_required",
        "Sign-in cookies and antiforgery tokens are only given over HTTPS, or over http://localhost from this machine: serve Runner over HTTPS "
        + "(behind a proxy, forward the scheme), or use tokens.",
        ErrorKind.Validation);

    /// <summary>Refuses, before anything is written, a sign-in that asks for a cookie over plain HTTP.</summary>
    public static TBuilder RefuseCookieOverHttp<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            !SecureContext(context.HttpContext) && context.Arguments.OfType<ICookieSignIn>().Any(a => a.UseCookie)
                ? Problems.Of(HttpsRequired)
                : await next(context));

    /// <summary>Runs an antiforgery call as no one: its tokens are not bound to a user.</summary>
    private static async Task<T> AsAnonymous<T>(HttpContext http, Func<Task<T>> work)
    {
        var user = http.User;
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        try
        {
            return await work();
        }
        finally
        {
            http.User = user;
        }
    }
}
