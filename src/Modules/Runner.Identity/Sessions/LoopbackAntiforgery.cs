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

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => AsSecure(httpContext, () => inner.GetAndStoreTokens(httpContext));

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => AsSecure(httpContext, () => inner.GetTokens(httpContext));

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => AsSecureAsync(httpContext, () => inner.IsRequestValidAsync(httpContext));

    public Task ValidateRequestAsync(HttpContext httpContext) => AsSecureAsync(httpContext, async () =>
    {
        await inner.ValidateRequestAsync(httpContext);
        return true;
    });

    public void SetCookieTokenAndHeader(HttpContext httpContext) => AsSecure(httpContext, () =>
    {
        inner.SetCookieTokenAndHeader(httpContext);
        return true;
    });

    private static T AsSecure<T>(HttpContext http, Func<T> call)
    {
        if (http.Request.IsHttps || !SessionCookies.SecureContext(http)) return call();
        http.Request.Scheme = "https";
        try
        {
            return call();
        }
        finally
        {
            http.Request.Scheme = "http";
        }
    }

    private static async Task<T> AsSecureAsync<T>(HttpContext http, Func<Task<T>> call)
    {
        if (http.Request.IsHttps || !SessionCookies.SecureContext(http)) return await call();
        http.Request.Scheme = "https";
        try
        {
            return await call();
        }
        finally
        {
            http.Request.Scheme = "http";
        }
    }
}
