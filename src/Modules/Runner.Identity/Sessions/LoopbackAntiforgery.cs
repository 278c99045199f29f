using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Runner.Identity.Sessions;

/// <summary>
/// The framework's antiforgery service, for every caller (the sign-in endpoints, and forms of pages Runner serves): its
/// cookie is <c>Secure</c>, and it refuses a request that is not HTTPS. Over plain HTTP from this machine to a loopback
/// name (<see cref="SessionCookies.SecureContext"/>), where browsers keep <c>Secure</c> cookies, each call sees the
/// request as HTTPS; the scheme is restored after the call, so nothing else (links, redirects) is told a wrong scheme.
/// </summary>
internal sealed class LoopbackAntiforgery(IAntiforgery inner) : IAntiforgery
{
    /// <summary>Replaces the registered <see cref="IAntiforgery"/> with itself around it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        if (registered.ImplementationType == typeof(LoopbackAntiforgery)) return;
        var type = registered.ImplementationType
            ?? throw new InvalidOperationException("The antiforgery service is expected to be registered by type.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IAntiforgery),
            sp => new LoopbackAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(sp, type)), registered.Lifetime));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        if (!SessionCookies.SecureContext(httpContext))
        {
            // Plain HTTP from elsewhere: a page still renders its forms, but no cookie is given, so they will not post.
            using var reading = new SecureScheme(httpContext);
            return inner.GetTokens(httpContext);
        }
        using var _ = AsSecure(httpContext);
        return inner.GetAndStoreTokens(httpContext);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
    {
        using var _ = AsSecure(httpContext);
        return inner.GetTokens(httpContext);
    }

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        // Over plain HTTP from elsewhere no antiforgery cookie was ever given: the form is refused (400), not failed (500).
        if (!SessionCookies.SecureContext(httpContext)) return false;
        using var _ = AsSecure(httpContext);
        return await inner.IsRequestValidAsync(httpContext);
    }

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        if (!SessionCookies.SecureContext(httpContext))
            throw new AntiforgeryValidationException("Forms are only accepted over HTTPS, or over http://localhost from this machine.");
        using var _ = AsSecure(httpContext);
        await inner.ValidateRequestAsync(httpContext);
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext)
    {
        using var _ = AsSecure(httpContext);
        inner.SetCookieTokenAndHeader(httpContext);
    }

    /// <summary>Until disposed, a plain HTTP request in a secure context is seen as HTTPS; any other is left as it is.</summary>
    private static SecureScheme AsSecure(HttpContext http) => new(!http.Request.IsHttps && SessionCookies.SecureContext(http) ? http : null);

    private readonly struct SecureScheme : IDisposable
    {
        private readonly HttpContext? _request;

        public SecureScheme(HttpContext? request)
        {
            _request = request;
            if (request is not null) request.Request.Scheme = "https";
        }

        public void Dispose()
        {
            if (_request is not null) _request.Request.Scheme = "http";
        }
    }
}
