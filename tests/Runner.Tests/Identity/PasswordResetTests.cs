using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Identity.AccountData;

namespace Runner.Tests.Identity;

public partial class PasswordResetTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string NewPassword = "a brand new passphrase";

    private async Task<string> ResetTokenAsync(string email)
    {
        await (await app.Store().PostJson("/store/auth/password-reset", new { email })).Json(HttpStatusCode.Accepted);
        var mail = (await MailAsync(app, email, "Reset your password")).Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
        var link = ResetLink().Match(mail);
        Assert.True(link.Success, mail);
        return link.Groups[1].Value;
    }

    [Fact]
    public async Task AResetLink_SetsThePassword_Once_VerifiesTheEmail_AndEndsEverySignIn()
    {
        var email = Email();
        var before = await NewAccountAsync(app, email);
        var token = await ResetTokenAsync(email);

        await (await app.Store().PostJson("/store/auth/password-reset/confirm", new { token, password = "short" }))
            .Problem(HttpStatusCode.BadRequest, "auth.password_too_short");
        await (await app.Store().PostJson("/store/auth/password-reset/confirm", new { token, password = NewPassword })).Json();
        await (await app.Store().PostJson("/store/auth/password-reset/confirm", new { token, password = NewPassword + "!" }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_reset_token");

        await (await As(app, before.Str("accessToken")).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await SignInAsync(app, email)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var after = await (await SignInAsync(app, email, NewPassword)).Json();
        Assert.True((await (await As(app, after.Str("accessToken")).GetAsync("/store/customers/me")).Json()).GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task AResetOfAnUnknownEmail_Answers202_AndATamperedLinkFails()
    {
        var stranger = Email("stranger");
        await (await app.Store().PostJson("/store/auth/password-reset", new { email = stranger })).Json(HttpStatusCode.Accepted);
        Assert.Contains("which has none here", await MailAsync(app, stranger, "Resetting a password"));

        var email = Email();
        await NewAccountAsync(app, email);
        var token = await ResetTokenAsync(email);
        var tampered = token[..^2] + (token[^2..] == "AA" ? "BB" : "AA");
        await (await app.Store().PostJson("/store/auth/password-reset/confirm", new { token = tampered, password = NewPassword }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_reset_token");
    }

    [Fact]
    public async Task ChangingThePassword_NeedsTheCurrentOne_AndEndsOtherSignIns()
    {
        var email = Email();
        var first = await NewAccountAsync(app, email);
        var second = await (await SignInAsync(app, email)).Json();
        var me = As(app, first.Str("accessToken"));
        await (await me.PostJson("/store/customers/me/password", new { currentPassword = "not it at all", newPassword = NewPassword }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_credentials");
        var fresh = await (await me.PostJson("/store/customers/me/password", new { currentPassword = Password, newPassword = NewPassword })).Json();
        await (await As(app, second.Str("accessToken")).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await As(app, fresh.Str("accessToken")).GetAsync("/store/customers/me")).Json();
        await (await SignInAsync(app, email, NewPassword)).Json();
    }

    [Fact]
    public async Task GuessingThePassword_WithAStolenToken_LocksTheAccountLikeFailedSignIns()
    {
        var email = Email();
        var me = As(app, (await NewAccountAsync(app, email)).Str("accessToken"));
        foreach (var (path, body) in new (string, object)[]
        {
            ("/store/customers/me/password", new { currentPassword = "guess number 1", newPassword = NewPassword }),
            ("/store/customers/me/email", new { email = Email(), password = "guess number 2" }),
            ("/store/customers/me/delete", new { password = "guess number 3" }),
            ("/store/customers/me/password", new { currentPassword = "guess number 4", newPassword = NewPassword }),
            ("/store/customers/me/delete", new { password = "guess number 5" }),
        })
            await (await me.PostJson(path, body)).Problem(HttpStatusCode.BadRequest, "auth.invalid_credentials");
        // Locked for the window: the right password is refused too, here and at sign-in, and nothing changed.
        await (await me.PostJson("/store/customers/me/delete", new { password = Password })).Problem(HttpStatusCode.TooManyRequests, "auth.too_many_attempts");
        await (await SignInAsync(app, email)).Problem(HttpStatusCode.TooManyRequests, "auth.too_many_attempts");
        await (await me.GetAsync("/store/customers/me")).Json();
    }

    [GeneratedRegex(@"reset-password\?token=([A-Za-z0-9._\-]+)")]
    private static partial Regex ResetLink();
}

public class MyAccountTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private static object Address(string city = "Paris") => new { firstName = "Ada", lastName = "Lovelace", line1 = "1 Rue", city, postalCode = "75001", country = "fr" };

    [Fact]
    public async Task TheAddressBook_IsOwnAndChangeable_ButNotAnotherCustomers()
    {
        var a = AccountData.As(app, (await AccountData.NewAccountAsync(app, AccountData.Email("book-a"))).Str("accessToken"));
        var b = AccountData.As(app, (await AccountData.NewAccountAsync(app, AccountData.Email("book-b"))).Str("accessToken"));
        var added = await (await a.PostJson("/store/customers/me/addresses", Address())).Json(HttpStatusCode.Created);
        Assert.Equal("FR", added.Str("country"));
        await (await a.PostJson("/store/customers/me/addresses", Address())).Json(); // the same again: 200, not repeated
        (await (await a.PostJson("/store/customers/me/addresses", new { firstName = "A", lastName = "B", line1 = "1", city = "X", postalCode = "1", country = "ZZ" }))
            .Problem(HttpStatusCode.BadRequest, "customers.invalid_country")).HasFieldError("country");
        Assert.Single((await (await a.GetAsync("/store/customers/me")).Json()).GetProperty("addresses").EnumerateArray());

        await (await b.DeleteAsync($"/store/customers/me/addresses/{added.Str("id")}")).Problem(HttpStatusCode.NotFound, "customers.address_not_found");
        await (await a.DeleteAsync($"/store/customers/me/addresses/{added.Str("id")}")).Json(HttpStatusCode.NoContent);
        Assert.Empty((await (await a.GetAsync("/store/customers/me")).Json()).GetProperty("addresses").EnumerateArray());
    }

    [Fact]
    public async Task DeletingTheAccount_ErasesThePerson_EndsItsSignIns_AndKeepsItsOrders()
    {
        var email = AccountData.Email("leaving");
        var stock = await Orders.OrderData.StockAsync(app.Admin(), 5);
        var order = await Orders.OrderData.PlaceAsync(app, stock, 1, 1200, email);
        var tokens = await AccountData.NewAccountAsync(app, email);
        var me = AccountData.As(app, tokens.Str("accessToken"));
        await (await me.PostJson("/store/customers/me/addresses", Address())).Json(HttpStatusCode.Created);
        var customerId = (await (await me.GetAsync("/store/customers/me")).Json()).Str("id");

        await (await me.PostJson("/store/customers/me/delete", new { password = "not the password" })).Problem(HttpStatusCode.BadRequest, "auth.invalid_credentials");
        await (await me.PostJson("/store/customers/me/delete", new { password = AccountData.Password })).Json(HttpStatusCode.NoContent);

        await (await me.GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await AccountData.SignInAsync(app, email)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var customer = await (await app.Admin().GetAsync($"/admin/customers/{customerId}")).Json();
        Assert.DoesNotContain(email, customer.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("firstName").ValueKind);
        Assert.Empty(customer.GetProperty("addresses").EnumerateArray());
        await (await app.Admin().GetAsync($"/admin/orders/{order.Id}")).Json();
        // The email is free again: a new account starts a new customer.
        await (await AccountData.RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
    }
}
