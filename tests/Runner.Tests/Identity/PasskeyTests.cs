using System.Net;
using System.Security.Cryptography;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Identity.PasskeyData;

namespace Runner.Tests.Identity;

/// <summary>Customers' passkeys on the storefront, registered and used by a software authenticator.</summary>
public class PasskeyTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<HttpClient> CustomerAsync(string prefix = "passkey") =>
        AccountData.As(app, (await AccountData.NewAccountAsync(app, AccountData.Email(prefix))).Str("accessToken"));

    [Fact]
    public async Task Customer_RegistersAPasskey_AndSignsInWithIt()
    {
        var email = AccountData.Email("pk-owner");
        var customer = AccountData.As(app, (await AccountData.NewAccountAsync(app, email)).Str("accessToken"));
        var authenticator = new SoftwareAuthenticator();
        var (_, options) = await OptionsAsync(customer, Customer + "/registration/options");
        Assert.Equal("shop.example", options.GetProperty("rp").Str("id"));
        Assert.Equal("required", options.GetProperty("authenticatorSelection").Str("residentKey"));
        Assert.Equal("preferred", options.GetProperty("authenticatorSelection").Str("userVerification"));

        var (registered, credential) = await RegisterAsync(customer, authenticator);
        var passkey = await registered.Json(HttpStatusCode.Created);
        Assert.Equal("Test key", passkey.Str("name"));
        var listed = await (await customer.GetAsync("/store/customers/me/passkeys")).Json();
        Assert.Equal(passkey.Str("id"), Assert.Single(listed.EnumerateArray()).Str("id"));
        var (_, again) = await OptionsAsync(customer, Customer + "/registration/options");
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(credential.Id),
            Assert.Single(again.GetProperty("excludeCredentials").EnumerateArray()).Str("id"));

        var tokens = await (await SignInAsync(app.Store(), authenticator, credential)).Json();
        var me = await (await AccountData.As(app, tokens.Str("accessToken")).GetAsync("/store/customers/me")).Json();
        Assert.Equal(email, me.Str("email"));
        var used = Assert.Single((await (await customer.GetAsync("/store/customers/me/passkeys")).Json()).EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.String, used.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task APageOfAnotherOrigin_OrAnotherRelyingParty_IsRefused()
    {
        var customer = await CustomerAsync();
        var authenticator = new SoftwareAuthenticator();
        var before = await CountAsync(app);
        await (await RegisterAsync(customer, authenticator, origin: "https://evil.example")).Response
            .Problem(HttpStatusCode.BadRequest, "passkeys.invalid_credential");
        await (await RegisterAsync(customer, authenticator, rpId: "evil.example")).Response.Problem(HttpStatusCode.BadRequest, "passkeys.invalid_credential");
        Assert.Equal(before, await CountAsync(app));

        var (registered, credential) = await RegisterAsync(customer, authenticator);
        await registered.Json(HttpStatusCode.Created);
        await (await SignInAsync(app.Store(), authenticator, credential, origin: "https://evil.example"))
            .Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
        await (await SignInAsync(app.Store(), authenticator, credential, rpId: "evil.example")).Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
        await (await SignInAsync(app.Store(), authenticator, credential)).Json();
    }

    [Fact]
    public async Task AChallenge_WorksOnce()
    {
        var customer = await CustomerAsync();
        var authenticator = new SoftwareAuthenticator();
        var (challengeId, options) = await OptionsAsync(customer, Customer + "/registration/options");
        var (first, _) = authenticator.Create(options, Origin);
        await (await customer.PostJson(Customer + "/registration", new { challengeId, credential = first })).Json(HttpStatusCode.Created);
        var (second, _) = authenticator.Create(options, Origin);
        await (await customer.PostJson(Customer + "/registration", new { challengeId, credential = second }))
            .Problem(HttpStatusCode.BadRequest, "passkeys.invalid_challenge");

        var credential = authenticator.Credentials[0];
        var (signInId, request) = await OptionsAsync(app.Store(), Customer + "/sign-in/options");
        await (await app.Store().PostJson(Customer + "/sign-in", new { challengeId = signInId, credential = authenticator.Get(request, credential, Origin) })).Json();
        await (await app.Store().PostJson(Customer + "/sign-in", new { challengeId = signInId, credential = authenticator.Get(request, credential, Origin) }))
            .Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
    }

    [Fact]
    public async Task ASignatureByAnotherKey_OrACounterGoingBack_IsRefused()
    {
        var customer = await CustomerAsync();
        var authenticator = new SoftwareAuthenticator();
        var (registered, credential) = await RegisterAsync(customer, authenticator);
        await registered.Json(HttpStatusCode.Created);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await (await SignInAsync(app.Store(), authenticator, credential, signWith: other)).Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
        await (await SignInAsync(app.Store(), authenticator, credential, signCount: 5)).Json();
        await (await SignInAsync(app.Store(), authenticator, credential, signCount: 3))
            .Problem(HttpStatusCode.Unauthorized, "passkeys.cloned_authenticator");
        await (await SignInAsync(app.Store(), authenticator, credential, signCount: 6)).Json();
    }

    [Fact]
    public async Task ACustomer_CannotSeeOrRemoveAnothersPasskey()
    {
        var a = await CustomerAsync("pk-a");
        var b = await CustomerAsync("pk-b");
        var (registered, _) = await RegisterAsync(a, new SoftwareAuthenticator());
        var id = (await registered.Json(HttpStatusCode.Created)).Str("id");
        Assert.Empty((await (await b.GetAsync("/store/customers/me/passkeys")).Json()).EnumerateArray());
        await (await b.DeleteAsync($"/store/customers/me/passkeys/{id}")).Problem(HttpStatusCode.NotFound, "passkeys.not_found");
        Assert.Single((await (await a.GetAsync("/store/customers/me/passkeys")).Json()).EnumerateArray());
        await (await a.DeleteAsync($"/store/customers/me/passkeys/{id}")).Json(HttpStatusCode.NoContent);
        Assert.Empty((await (await a.GetAsync("/store/customers/me/passkeys")).Json()).EnumerateArray());
    }

    [Fact]
    public async Task ADeletedAccount_TakesItsPasskeysAlong()
    {
        var customer = await CustomerAsync("pk-leaving");
        var authenticator = new SoftwareAuthenticator();
        var (registered, credential) = await RegisterAsync(customer, authenticator);
        await registered.Json(HttpStatusCode.Created);
        var before = await CountAsync(app);
        await (await customer.PostJson("/store/customers/me/delete", new { password = AccountData.Password })).Json(HttpStatusCode.NoContent);
        Assert.Equal(before.Passkeys - 1, (await CountAsync(app)).Passkeys);
        await (await SignInAsync(app.Store(), authenticator, credential)).Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
    }

    [Fact]
    public async Task AChannelsOrigins_GiveItsRelyingParty()
    {
        var admin = app.Admin();
        var channel = await (await admin.PostJson("/admin/channels", new
        {
            name = "Brand " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = new[] { "https://shop.brand.example", "https://m.brand.example" },
            relyingPartyId = "brand.example",
        })).Json(HttpStatusCode.Created);
        var key = (await (await admin.PostJson("/admin/api-keys", new { name = "brand", kind = "publishable", channelId = channel.Str("id") }))
            .Json(HttpStatusCode.Created)).Str("key");
        var customer = AccountData.As(app, (await AccountData.NewAccountAsync(app, AccountData.Email("pk-brand"))).Str("accessToken"));
        customer.DefaultRequestHeaders.Remove("X-Publishable-Key");
        customer.DefaultRequestHeaders.Add("X-Publishable-Key", key);
        var authenticator = new SoftwareAuthenticator();
        var (_, options) = await OptionsAsync(customer, Customer + "/registration/options");
        Assert.Equal("brand.example", options.GetProperty("rp").Str("id"));
        await (await RegisterAsync(customer, authenticator, origin: Origin, rpId: "brand.example")).Response
            .Problem(HttpStatusCode.BadRequest, "passkeys.invalid_credential");
        var (registered, credential) = await RegisterAsync(customer, authenticator, origin: "https://m.brand.example");
        await registered.Json(HttpStatusCode.Created);

        await (await SignInAsync(app.Store(key), authenticator, credential, origin: "https://shop.brand.example")).Json();
        // The default storefront is another relying party: the brand's passkey is not one of its.
        await (await SignInAsync(app.Store(), authenticator, credential, origin: Origin, rpId: "shop.example"))
            .Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");

        var bare = await (await admin.PostJson("/admin/channels", new { name = "Bare " + Guid.NewGuid().ToString("N")[..6] })).Json(HttpStatusCode.Created);
        var bareKey = (await (await admin.PostJson("/admin/api-keys", new { name = "bare", kind = "publishable", channelId = bare.Str("id") }))
            .Json(HttpStatusCode.Created)).Str("key");
        await (await app.Store(bareKey).PostAsync(Customer + "/sign-in/options", null)).Problem(HttpStatusCode.UnprocessableEntity, "passkeys.no_origins");
    }

    [Fact]
    public async Task BadInput_ChangesNothing()
    {
        var customer = await CustomerAsync();
        var before = await CountAsync(app);
        await (await customer.PostJson(Customer + "/registration", new { })).Problem(HttpStatusCode.BadRequest, "validation.required");
        var (challengeId, _) = await OptionsAsync(customer, Customer + "/registration/options");
        await (await customer.PostJson(Customer + "/registration", new { challengeId, credential = new { id = "x", rawId = "!!", response = 3 } }))
            .Problem(HttpStatusCode.BadRequest, "passkeys.invalid_credential");
        await (await customer.PostJson(Customer + "/registration", new { challengeId = "pk.forged", credential = new { id = "x" } }))
            .Problem(HttpStatusCode.BadRequest, "passkeys.invalid_challenge");
        await (await app.Store().PostJson(Customer + "/sign-in", new { challengeId, credential = new { id = "x" } }))
            .Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
        Assert.Equal(before, await CountAsync(app));
    }
}
