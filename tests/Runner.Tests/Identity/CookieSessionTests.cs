using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>
/// Sign-in kept in a cookie (the reference storefront, the dashboard): Secure, HttpOnly, SameSite, __Host- prefixed;
/// changes made with it need the antiforgery token; signing out ends it everywhere, a copy of the cookie included.
/// </summary>
public class CookieSessionTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    /// <summary>A browser-like client: keeps cookies, on https (a Secure cookie is only sent there).</summary>
    private HttpClient Browser(string? publishableKey = RunnerApp.PublishableKey)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true });
        if (publishableKey is not null) client.DefaultRequestHeaders.Add("X-Publishable-Key", publishableKey);
        return client;
    }

    private static async Task<string> AntiforgeryAsync(HttpClient browser, string path) =>
        (await (await browser.GetAsync(path)).Json()).Str("token");

    [Fact]
    public async Task Customer_CookieSignIn_ReadsWithoutToken_WritesOnlyWithAntiforgery_AndSignOutEndsIt()
    {
        var email = AccountData.Email("cookie");
        await (await AccountData.RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var browser = Browser();

        var signIn = await browser.PostJson("/store/auth/password", new { email, password = AccountData.Password, useCookie = true });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-runner-customer=", StringComparison.Ordinal));
        foreach (var attribute in new[] { "secure", "httponly", "samesite=lax", "path=/" })
            Assert.Contains(attribute, setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);

        var me = await (await browser.GetAsync("/store/customers/me")).Json();
        Assert.Equal(email, me.Str("email"));

        // A change without the antiforgery token is refused and changes nothing.
        await (await browser.PatchJson("/store/customers/me", new { firstName = "Mallory" })).Problem(HttpStatusCode.Forbidden, "auth.antiforgery_failed");
        Assert.Equal("Ada", (await (await browser.GetAsync("/store/customers/me")).Json()).Str("firstName"));

        var token = await AntiforgeryAsync(browser, "/store/auth/antiforgery");
        var request = new HttpRequestMessage(HttpMethod.Patch, "/store/customers/me") { Content = JsonContent.Create(new { firstName = "Grace" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal("Grace", (await (await browser.SendAsync(request)).Json()).Str("firstName"));

        // A token sent from another browser (its own antiforgery cookie) does not fit this one.
        var other = Browser();
        var foreign = await AntiforgeryAsync(other, "/store/auth/antiforgery");
        var forged = new HttpRequestMessage(HttpMethod.Patch, "/store/customers/me") { Content = JsonContent.Create(new { firstName = "Eve" }) };
        forged.Headers.Add("X-CSRF-TOKEN", foreign);
        await (await browser.SendAsync(forged)).Problem(HttpStatusCode.Forbidden, "auth.antiforgery_failed");

        var cookieValue = setCookie[..setCookie.IndexOf(';')];
        var signOut = new HttpRequestMessage(HttpMethod.Post, "/store/auth/sign-out") { Content = JsonContent.Create(new { }) };
        signOut.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);
        await (await browser.GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.sign_in_required");

        // A copy of the cookie kept from before the sign-out opens nothing: the sign-in itself has ended.
        var replay = new HttpRequestMessage(HttpMethod.Get, "/store/customers/me");
        replay.Headers.Add("Cookie", cookieValue);
        await (await Browser().SendAsync(replay)).Problem(HttpStatusCode.Unauthorized, "auth.sign_in_required");
    }

    [Fact]
    public async Task OverPlainHttp_NoCookieIsGiven_AndNothingIsWritten()
    {
        var email = AccountData.Email("cookie-http");
        await (await AccountData.RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var sessions = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM identity_sessions").SingleAsync());
        var plain = app.Store();
        var refused = await plain.PostJson("/store/auth/password", new { email, password = AccountData.Password, useCookie = true });
        await refused.Problem(HttpStatusCode.BadRequest, "auth.https_required");
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        await (await plain.GetAsync("/store/auth/antiforgery")).Problem(HttpStatusCode.BadRequest, "auth.https_required");
        Assert.Equal(sessions, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM identity_sessions").SingleAsync()));
    }

    [Fact]
    public async Task APasskeySignIn_CanKeepItsSignInInTheCookie()
    {
        var customer = AccountData.As(app, (await AccountData.NewAccountAsync(app, AccountData.Email("cookie-pk"))).Str("accessToken"));
        var authenticator = new SoftwareAuthenticator();
        var (registered, credential) = await PasskeyData.RegisterAsync(customer, authenticator);
        await registered.Json(HttpStatusCode.Created);

        var browser = Browser();
        var (challengeId, options) = await PasskeyData.OptionsAsync(browser, PasskeyData.Customer + "/sign-in/options");
        var answer = authenticator.Get(options, credential, PasskeyData.Origin, null, true, null, null);
        var signIn = await browser.PostJson(PasskeyData.Customer + "/sign-in", new { challengeId, credential = answer, useCookie = true });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-runner-customer=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/store/customers/me")).StatusCode);
    }

    [Fact]
    public async Task Customer_ForgedCookie_IsAGuest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/store/customers/me");
        request.Headers.Add("Cookie", "__Host-runner-customer=CfDJ8forged");
        await (await Browser().SendAsync(request)).Problem(HttpStatusCode.Unauthorized, "auth.sign_in_required");
    }

    [Fact]
    public async Task Staff_CookieSignIn_IsStrict_AndWritesNeedAntiforgery()
    {
        var email = AccountData.Email("cookie-staff");
        await StaffData.CreateAsync(app, email, "operations");
        var browser = Browser(publishableKey: null);
        var signIn = await browser.PostJson("/admin/auth/password", new { email, password = StaffData.Password, useCookie = true });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-runner-staff=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(email, (await (await browser.GetAsync("/admin/auth/me")).Json()).Str("email"));
        var product = new
        {
            title = "Cookie jar", status = "active",
            variants = new[] { new { sku = Infrastructure.Catalog.Unique("JAR"), options = new { }, price = Infrastructure.Catalog.Usd(900) } },
        };
        await (await browser.PostJson("/admin/products", product)).Problem(HttpStatusCode.Forbidden, "auth.antiforgery_failed");

        var token = await AntiforgeryAsync(browser, "/admin/auth/antiforgery");
        var create = new HttpRequestMessage(HttpMethod.Post, "/admin/products") { Content = JsonContent.Create(product) };
        create.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(create)).StatusCode);

        // Disabling the account ends the cookie's sign-in at once.
        var id = (await (await browser.GetAsync("/admin/auth/me")).Json()).Str("id");
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().PostJson($"/admin/staff/{id}/disable", new { })).StatusCode);
        await (await browser.GetAsync("/admin/auth/me")).Problem(HttpStatusCode.Unauthorized, "auth.missing_key");
    }
}
