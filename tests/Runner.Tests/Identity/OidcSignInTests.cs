using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.OpenIdConnect;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>The test host with the loopback provider in its settings, as a merchant would configure Google.</summary>
public sealed class OidcApp : RunnerApp
{
    public LoopbackOidcProvider Provider { get; private set; } = null!;

    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        Provider = await LoopbackOidcProvider.StartAsync();
        return await base.CreateDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:loopback:DisplayName", "Loopback ID");
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:loopback:Issuer", Provider.Issuer);
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:loopback:ClientId", LoopbackOidcProvider.ClientId);
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:loopback:ClientSecret", LoopbackOidcProvider.ClientSecret);
        // The same provider answering with a posted form, as Apple does when asked for the email.
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:posted:Issuer", Provider.Issuer);
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:posted:ClientId", LoopbackOidcProvider.ClientId);
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:posted:ClientSecret", LoopbackOidcProvider.ClientSecret);
        builder.UseSetting("Runner:Identity:OpenIdConnect:Providers:posted:ResponseMode", "form_post");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

/// <summary>
/// Social sign-in against a real OpenID Connect provider on 127.0.0.1: authorization code with PKCE, the ID token
/// validated, accounts created or linked by verified email only.
/// </summary>
public class OidcSignInTests(OidcApp app) : IClassFixture<OidcApp>
{
    /// <summary>The browser's trip: Runner's authorization URL, the provider's redirect back with code and state.</summary>
    private async Task<(string Code, string State)> BrowseAsync(ProviderUser user)
    {
        var start = await (await app.Store().PostJson("/store/auth/oidc/loopback/authorize", new { redirectUri = LoopbackOidcProvider.RedirectUri })).Json();
        app.Provider.User = user;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await browser.GetAsync(start.Str("authorizationUrl"));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = answer.Headers.Location!;
        Assert.StartsWith(LoopbackOidcProvider.RedirectUri, back.ToString());
        var query = QueryHelpers.ParseQuery(back.Query);
        return (query["code"].ToString(), query["state"].ToString());
    }

    private async Task<HttpResponseMessage> SignInAsync(ProviderUser user)
    {
        var (code, state) = await BrowseAsync(user);
        return await app.Store().PostJson("/store/auth/oidc/callback", new { code, state });
    }

    private static ProviderUser NewUser(bool verified = true, string? email = null) =>
        new("sub-" + Guid.NewGuid().ToString("N"), email ?? AccountData.Email("social"), verified, "Ada", "Lovelace");

    private Task<int> CountAsync<T>() where T : class => app.WithDbAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task Providers_AreListed()
    {
        var list = await (await app.Store().GetAsync("/store/auth/oidc/providers")).Json();
        var items = list.GetProperty("items").EnumerateArray().ToDictionary(p => p.Str("key"), p => p.Str("displayName"));
        Assert.Equal("Loopback ID", items["loopback"]);
        Assert.Equal("posted", items["posted"]);
    }

    [Fact]
    public async Task NewUser_GetsAVerifiedAccount_AndTheNextSignInFindsItBySubject()
    {
        var user = NewUser();
        var tokens = await (await SignInAsync(user)).Json();
        var me = await (await AccountData.As(app, tokens.Str("accessToken")).GetAsync("/store/customers/me")).Json();
        Assert.Equal(user.Email, me.Str("email"));
        Assert.Equal("Ada", me.Str("firstName"));
        Assert.True(me.GetProperty("emailVerified").GetBoolean());

        // The provider's user changed their email: the link by subject still finds the same account.
        var again = await (await SignInAsync(user with { Email = AccountData.Email("renamed") })).Json();
        var meAgain = await (await AccountData.As(app, again.Str("accessToken")).GetAsync("/store/customers/me")).Json();
        Assert.Equal(me.Str("id"), meAgain.Str("id"));
        // No password was set: a password sign-in cannot open it.
        await (await AccountData.SignInAsync(app, user.Email!, "")).Problem(HttpStatusCode.BadRequest, "validation.required");
    }

    [Fact]
    public async Task ACode_IsUsedOnce_AndAForgedOrForeignStateIsRefused()
    {
        var (code, state) = await BrowseAsync(NewUser());
        await (await app.Store().PostJson("/store/auth/oidc/callback", new { code, state = state[..^4] + "AAAA" }))
            .Problem(HttpStatusCode.Unauthorized, "auth.oidc_invalid_state");
        await (await app.Store().PostJson("/store/auth/oidc/callback", new { code, state })).Json();
        await (await app.Store().PostJson("/store/auth/oidc/callback", new { code, state })).Problem(HttpStatusCode.Unauthorized, "auth.oidc_failed");
    }

    [Fact]
    public async Task ExistingVerifiedAccount_IsLinked_AndKeepsItsPassword()
    {
        var email = AccountData.Email("linked");
        var first = await AccountData.NewAccountAsync(app, email);
        var verification = AccountData.VerificationToken(await AccountData.MailAsync(app, email, "Confirm your email"));
        await (await app.Store().PostJson("/store/customers/verify-email", new { token = verification })).Json();
        var id = (await (await AccountData.As(app, first.Str("accessToken")).GetAsync("/store/customers/me")).Json()).Str("id");

        var tokens = await (await SignInAsync(NewUser(email: email.ToUpperInvariant()))).Json();
        Assert.Equal(id, (await (await AccountData.As(app, tokens.Str("accessToken")).GetAsync("/store/customers/me")).Json()).Str("id"));
        await (await AccountData.SignInAsync(app, email)).Json();
    }

    [Fact]
    public async Task AnUnverifiedAccount_RegisteredByAnyone_LosesItsPasswordAndSessions_WhenTheEmailsOwnerSignsIn()
    {
        var email = AccountData.Email("squatted");
        var squatter = await AccountData.NewAccountAsync(app, email);
        await (await SignInAsync(NewUser(email: email))).Json();
        await (await AccountData.SignInAsync(app, email)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await (await AccountData.As(app, squatter.Str("accessToken")).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task AnEmailTheProviderDoesNotVouchFor_LinksAndCreatesNothing()
    {
        var (accounts, logins) = (await CountAsync<Runner.Identity.Accounts.CustomerAccount>(), await CountAsync<ExternalLogin>());
        await (await SignInAsync(NewUser(verified: false))).Problem(HttpStatusCode.Unauthorized, "auth.oidc_email_unverified");
        await (await SignInAsync(NewUser() with { Email = null })).Problem(HttpStatusCode.Unauthorized, "auth.oidc_email_unverified");
        Assert.Equal(accounts, await CountAsync<Runner.Identity.Accounts.CustomerAccount>());
        Assert.Equal(logins, await CountAsync<ExternalLogin>());
    }

    [Fact]
    public async Task AProviderThatPostsTheCode_IsFollowedToo()
    {
        var start = await (await app.Store().PostJson("/store/auth/oidc/posted/authorize", new { redirectUri = LoopbackOidcProvider.RedirectUri })).Json();
        Assert.Contains("response_mode=form_post", start.Str("authorizationUrl"));
        var user = NewUser();
        app.Provider.User = user;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await (await browser.GetAsync(start.Str("authorizationUrl"))).Content.ReadAsStringAsync();
        string Field(string name) => System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\" value=\"([^\"]+)\"").Groups[1].Value);
        var tokens = await (await app.Store().PostJson("/store/auth/oidc/callback", new { code = Field("code"), state = Field("state") })).Json();
        Assert.Equal(user.Email, (await (await AccountData.As(app, tokens.Str("accessToken")).GetAsync("/store/customers/me")).Json()).Str("email"));
    }

    [Fact]
    public async Task BadStarts_AreProblems()
    {
        await (await app.Store().PostJson("/store/auth/oidc/nobody/authorize", new { redirectUri = LoopbackOidcProvider.RedirectUri }))
            .Problem(HttpStatusCode.NotFound, "auth.oidc_unknown_provider");
        await (await app.Store().PostJson("/store/auth/oidc/loopback/authorize", new { redirectUri = "https://evil.example/steal" }))
            .Problem(HttpStatusCode.BadRequest, "auth.redirect_not_allowed");
        await (await app.Store().PostJson("/store/auth/oidc/callback", new { code = "x" })).Problem(HttpStatusCode.BadRequest, "validation.required");
    }
}
