using System.Net;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Accounts;
using Runner.Tests.Infrastructure;
using Runner.Tests.Orders;
using static Runner.Tests.Identity.AccountData;

namespace Runner.Tests.Identity;

public class CustomerAccountTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task ANewAccount_SignsInAtOnce_AndSeesItsGuestOrders_OnceItsEmailIsVerified()
    {
        var email = Email();
        var stock = await OrderData.StockAsync(app.Admin(), 10);
        var guestOrder = await OrderData.PlaceAsync(app, stock, 1, 1500, email);

        var accepted = await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        Assert.Equal(RegisterCustomer.Accepted, accepted.Str("message"));
        var tokens = await (await SignInAsync(app, email.ToUpperInvariant())).Json();
        Assert.Equal("Bearer", tokens.Str("tokenType"));
        Assert.Equal(900, tokens.GetProperty("expiresIn").GetInt32());
        var me = As(app, tokens.Str("accessToken"));

        var profile = await (await me.GetAsync("/store/customers/me")).Json();
        Assert.Equal(email, profile.Str("email"));
        Assert.Equal("Ada", profile.Str("firstName"));
        Assert.False(profile.GetProperty("emailVerified").GetBoolean());
        // The guest's customer record became the account's: same id as the order's customer.
        var order = await OrderData.OrderAsync(app.Admin(), guestOrder.Id);
        Assert.Equal(order.Str("customerId"), profile.Str("id"));
        // Not verified yet: somebody else's email would show somebody else's orders.
        await (await me.GetAsync("/store/customers/me/orders")).Problem(HttpStatusCode.Forbidden, "customers.email_unverified");
        await (await me.GetAsync($"/store/orders/{guestOrder.Id}")).Problem(HttpStatusCode.NotFound, "orders.not_found");

        var welcome = await MailAsync(app, email, "Confirm your email");
        Assert.Contains($"{RunnerApp.PublicUrl}/account/verify-email?token=", welcome.Replace("=\r\n", "").Replace("=\n", ""));
        await (await app.Store().PostJson("/store/customers/verify-email", new { token = VerificationToken(welcome) })).Json();
        var refreshed = await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).Json();
        me = As(app, refreshed.Str("accessToken"));

        Assert.True((await (await me.GetAsync("/store/customers/me")).Json()).GetProperty("emailVerified").GetBoolean());
        var orders = await (await me.GetAsync("/store/customers/me/orders")).Json();
        Assert.Equal(guestOrder.Id.ToString(), Assert.Single(orders.EnumerateArray()).Str("id"));
        var opened = await (await me.GetAsync($"/store/orders/{guestOrder.Id}")).Json();
        Assert.Equal(guestOrder.Name, opened.Str("name"));
    }

    [Fact]
    public async Task ATakenEmail_Answers202Too_TellsItsOwner_AndChangesNothing()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var again = await (await RegisterAsync(app, email, "another long password", "Mallory")).Json(HttpStatusCode.Accepted);
        Assert.Equal(RegisterCustomer.Accepted, again.Str("message"));

        Assert.Contains("already has one", await MailAsync(app, email, "Your account at"));
        await (await SignInAsync(app, email)).Json();
        await (await SignInAsync(app, email, "another long password")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var profile = await (await As(app, (await (await SignInAsync(app, email)).Json()).Str("accessToken")).GetAsync("/store/customers/me")).Json();
        Assert.Equal("Ada", profile.Str("firstName"));
    }

    [Fact]
    public async Task ParallelRegistrations_OfOneEmail_MakeOneAccount()
    {
        var email = Email();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RegisterAsync(app, i % 2 == 0 ? email : email.ToUpperInvariant())));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var accounts = await app.WithDbAsync(db => db.Set<CustomerAccount>().CountAsync(a => a.EmailKey == email));
        Assert.Equal(1, accounts);
    }

    [Theory]
    [InlineData("short", "auth.password_too_short")]
    [InlineData("QwertyUiop", "auth.password_common")]
    [InlineData("password1234", "auth.password_common")]
    public async Task AWeakPassword_IsRefused_AndNoAccountIsMade(string password, string code)
    {
        var email = Email();
        (await (await RegisterAsync(app, email, password)).Problem(HttpStatusCode.BadRequest, code)).HasFieldError("password");
        Assert.False(await app.WithDbAsync(db => db.Set<CustomerAccount>().AnyAsync(a => a.EmailKey == email)));
    }

    [Fact]
    public async Task AMissingEmail_Is400_NotAServerError()
    {
        (await (await app.Store().PostJson("/store/customers", new { password = Password })).Problem(HttpStatusCode.BadRequest, "validation.required"))
            .HasFieldError("email");
        (await (await app.Store().PostJson("/store/auth/email-code", new { })).Problem(HttpStatusCode.BadRequest, "validation.required"))
            .HasFieldError("email");
        (await (await app.Admin().PostJson("/admin/staff", new { name = "X", role = "support" })).Problem(HttpStatusCode.BadRequest, "validation.required"))
            .HasFieldError("email");
    }

    [Fact]
    public async Task ThePasswordMayNotBeTheEmail_AndIsStoredOnlyHashed()
    {
        var email = Email("longaddress");
        await (await RegisterAsync(app, email, email)).Problem(HttpStatusCode.BadRequest, "auth.password_is_email");
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var account = await app.WithDbAsync(db => db.Set<CustomerAccount>().SingleAsync(a => a.EmailKey == email));
        Assert.DoesNotContain(Password, account.PasswordHash);
        Assert.StartsWith("AQAAAA", account.PasswordHash); // ASP.NET Core Identity's v3 format (PBKDF2)
    }

    [Fact]
    public async Task AWrongPassword_AndAnUnknownEmail_AnswerAlike()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var wrong = await (await SignInAsync(app, email, "not the password")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var unknown = await (await SignInAsync(app, Email("nobody"), Password)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.Equal(wrong.Str("detail"), unknown.Str("detail"));
    }

    [Fact]
    public async Task ARefreshToken_WorksOnce_AndItsReuse_RevokesTheWholeSignIn()
    {
        var first = await NewAccountAsync(app, Email());
        var second = await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = first.Str("refreshToken") })).Json();
        Assert.NotEqual(first.Str("refreshToken"), second.Str("refreshToken"));
        await (await As(app, second.Str("accessToken")).GetAsync("/store/customers/me")).Json();

        // The first token again: it leaked, or a client raced itself. Everything of this sign-in ends.
        await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = first.Str("refreshToken") }))
            .Problem(HttpStatusCode.Unauthorized, "auth.refresh_token_reused");
        await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = second.Str("refreshToken") }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        await (await As(app, second.Str("accessToken")).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task ParallelRefreshes_OfOneToken_GiveOnePair_AndRevokeTheRest()
    {
        var tokens = await NewAccountAsync(app, Email());
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            app.Store().PostJson("/store/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) <= 1);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Unauthorized);
        // A reuse was seen, so whichever pair was handed out is revoked too.
        foreach (var ok in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
            await (await As(app, (await ok.Json()).Str("accessToken")).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task SigningOut_EndsTheAccessTokenAtOnce()
    {
        var tokens = await NewAccountAsync(app, Email());
        var me = As(app, tokens.Str("accessToken"));
        await (await me.GetAsync("/store/customers/me")).Json();
        await (await app.Store().PostJson("/store/auth/sign-out", new { refreshToken = tokens.Str("refreshToken") })).Json(HttpStatusCode.NoContent);
        await (await me.GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = tokens.Str("refreshToken") }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task AForgedOrMissingToken_IsRefused()
    {
        var tokens = await NewAccountAsync(app, Email());
        var access = tokens.Str("accessToken");
        var forged = access[..^4] + (access[^4..] == "AAAA" ? "BBBB" : "AAAA");
        await (await As(app, forged).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await As(app, "abc.def").GetAsync("/store/products")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await app.Store().GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.sign_in_required");
        // A customer's token without the storefront's key is not enough.
        var noKey = app.Store(key: null);
        noKey.DefaultRequestHeaders.Authorization = new("Bearer", access);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("/store/customers/me")).StatusCode);
    }

    [Fact]
    public async Task ACustomer_NeverReachesAnotherCustomersOrders_OrProfile()
    {
        var stock = await OrderData.StockAsync(app.Admin(), 10);
        var (emailA, emailB) = (Email("a"), Email("b"));
        var orderA = await OrderData.PlaceAsync(app, stock, 1, 900, emailA);
        await NewAccountAsync(app, emailA);
        var b = await NewAccountAsync(app, emailB);
        var welcome = await MailAsync(app, emailB, "Confirm your email");
        await (await app.Store().PostJson("/store/customers/verify-email", new { token = VerificationToken(welcome) })).Json();
        var asB = As(app, (await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = b.Str("refreshToken") }))
            .Json()).Str("accessToken"));

        await (await asB.GetAsync($"/store/orders/{orderA.Id}")).Problem(HttpStatusCode.NotFound, "orders.not_found");
        Assert.Empty((await (await asB.GetAsync("/store/customers/me/orders")).Json()).EnumerateArray());
        Assert.Equal(emailB, (await (await asB.GetAsync("/store/customers/me")).Json()).Str("email"));
        var renamed = await (await asB.PatchJson("/store/customers/me", new { firstName = "Bea" })).Json();
        Assert.Equal("Bea", renamed.Str("firstName"));
        Assert.Equal("Lovelace", renamed.Str("lastName"));
        var a = await (await app.Admin().GetAsync($"/admin/customers?email={Uri.EscapeDataString(emailA)}")).Json();
        Assert.Equal("Ada", a.GetProperty("items")[0].Str("firstName"));
    }

    [Fact]
    public async Task AVerificationLink_IsSignedAndForOneEmail()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var token = VerificationToken(await MailAsync(app, email, "Confirm your email"));
        var tampered = token[..^3] + (token[^3..] == "AAA" ? "BBB" : "AAA");
        await (await app.Store().PostJson("/store/customers/verify-email", new { token = tampered }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_verification_token");
        await (await app.Store().PostJson("/store/customers/verify-email", new { token = "x" }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_verification_token");
        await (await app.Store().PostJson("/store/customers/verify-email", new { token })).Json();
        await (await app.Store().PostJson("/store/customers/verify-email", new { token })).Json(); // again: still verified
        Assert.NotNull(await app.WithDbAsync(db => db.Set<CustomerAccount>().Where(a => a.EmailKey == email).Select(a => a.EmailVerifiedAt).SingleAsync()));
    }
}
