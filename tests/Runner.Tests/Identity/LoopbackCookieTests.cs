using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>
/// A browser on the merchant's own machine talks to Runner over plain HTTP on a loopback name (the README's command
/// serves http://127.0.0.1): browsers keep and send Secure cookies there, so cookie sign-in and antiforgery work; the same
/// loopback connection naming a public host (a proxy on the machine) is still refused.
/// </summary>
public class LoopbackCookieTests(LoopbackCookieTests.FromThisMachine app) : IClassFixture<LoopbackCookieTests.FromThisMachine>
{
    /// <summary>Every request arrives from 127.0.0.1, as from a browser or a proxy on the same machine.</summary>
    public sealed class FromThisMachine : RunnerApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackConnection>());
        }

        private sealed class LoopbackConnection : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, following) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Loopback;
                    return following(context);
                });
                next(app);
            };
        }
    }

    private HttpClient Over(string origin)
    {
        // Cookies are carried by hand: HttpClient's own container never sends a Secure cookie over http.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Publishable-Key", RunnerApp.PublishableKey);
        return client;
    }

    private static string CookieOf(HttpResponseMessage response, string name)
    {
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(name + "=", StringComparison.Ordinal));
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        return header[..header.IndexOf(';')];
    }

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://localhost:5123")]
    public async Task OverHttpOnLoopback_CookieSignInAndAntiforgeryWork(string origin)
    {
        var email = AccountData.Email("loopback");
        await (await AccountData.RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var browser = Over(origin);

        var signIn = await browser.PostJson("/store/auth/password", new { email, password = AccountData.Password, useCookie = true });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var session = CookieOf(signIn, "__Host-runner-customer");

        var antiforgery = await browser.GetAsync("/store/auth/antiforgery");
        var token = (await antiforgery.Json()).Str("token");
        var pair = CookieOf(antiforgery, "__Host-runner-af");

        var change = new HttpRequestMessage(HttpMethod.Patch, "/store/customers/me") { Content = JsonContent.Create(new { firstName = "Grace" }) };
        change.Headers.Add("Cookie", $"{session}; {pair}");
        change.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal("Grace", (await (await browser.SendAsync(change)).Json()).Str("firstName"));

        var forged = new HttpRequestMessage(HttpMethod.Patch, "/store/customers/me") { Content = JsonContent.Create(new { firstName = "Eve" }) };
        forged.Headers.Add("Cookie", session);
        await (await browser.SendAsync(forged)).Problem(HttpStatusCode.Forbidden, "auth.antiforgery_failed");
    }

    [Fact]
    public async Task TheAntiforgeryService_ForAnyCaller_GivesItsSecureCookieOnLoopbackOnly()
    {
        // Pages' forms call the service directly (not through the sign-in endpoints).
        var antiforgery = app.Services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
        HttpContext Request(string host)
        {
            var http = new DefaultHttpContext { RequestServices = app.Services };
            http.Request.Scheme = "http";
            http.Request.Host = new HostString(host);
            http.Connection.RemoteIpAddress = IPAddress.Loopback;
            return http;
        }

        var local = Request("127.0.0.1:5123");
        Assert.NotNull(antiforgery.GetAndStoreTokens(local).RequestToken);
        Assert.Equal("http", local.Request.Scheme);
        var cookie = local.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("__Host-runner-af=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        // Over plain HTTP to a public name: a page's form still renders, but no cookie is given and its post is refused.
        var remote = Request("shop.example");
        Assert.NotNull(antiforgery.GetAndStoreTokens(remote).RequestToken);
        Assert.Equal("http", remote.Request.Scheme);
        Assert.Empty(remote.Response.Headers.SetCookie.ToString());
        Assert.False(await antiforgery.IsRequestValidAsync(remote));
    }

    [Fact]
    public async Task ALoopbackConnectionNamingAPublicHost_IsRefusedOverHttp()
    {
        var email = AccountData.Email("loopback-proxy");
        await (await AccountData.RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var proxied = Over("http://shop.example");
        var refused = await proxied.PostJson("/store/auth/password", new { email, password = AccountData.Password, useCookie = true });
        await refused.Problem(HttpStatusCode.BadRequest, "auth.https_required");
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        await (await proxied.GetAsync("/store/auth/antiforgery")).Problem(HttpStatusCode.BadRequest, "auth.https_required");
    }
}
