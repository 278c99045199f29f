using System.Net;
using System.Text.RegularExpressions;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>Changing a customer's email: nothing changes until the new address confirms, and the link works once.</summary>
public partial class ChangeEmailTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<string> LinkTokenAsync(string to)
    {
        var mail = (await AccountData.MailAsync(app, to, "Confirm your new email")).Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
        return LinkToken().Match(mail).Groups[1].Value;
    }

    [Fact]
    public async Task TheNewAddressConfirms_ThenTheAccountSignsInWithIt_AndTheLinkIsSpent()
    {
        var (oldEmail, newEmail) = (AccountData.Email("before"), AccountData.Email("after"));
        var me = AccountData.As(app, (await AccountData.NewAccountAsync(app, oldEmail)).Str("accessToken"));

        await (await me.PostJson("/store/customers/me/email", new { email = newEmail, password = "wrong password 1" }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_credentials");
        await (await me.PostJson("/store/customers/me/email", new { email = oldEmail.ToUpperInvariant(), password = AccountData.Password }))
            .Problem(HttpStatusCode.BadRequest, "customers.same_email");
        await (await me.PostJson("/store/customers/me/email", new { email = newEmail, password = AccountData.Password })).Json(HttpStatusCode.Accepted);
        Assert.Equal(oldEmail, (await (await me.GetAsync("/store/customers/me")).Json()).Str("email"));
        Assert.Contains("about to change", await AccountData.MailAsync(app, oldEmail, "about to change"));

        var token = await LinkTokenAsync(newEmail);
        await (await app.Store().PostJson("/store/customers/me/email/confirm", new { token = token[..^3] + "xyz" }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_email_change_token");
        var confirmed = await (await app.Store().PostJson("/store/customers/me/email/confirm", new { token })).Json();
        Assert.True(confirmed.GetProperty("emailVerified").GetBoolean());

        var profile = await (await me.GetAsync("/store/customers/me")).Json();
        Assert.Equal(newEmail, profile.Str("email"));
        await (await AccountData.SignInAsync(app, newEmail)).Json();
        await (await AccountData.SignInAsync(app, oldEmail)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await (await app.Store().PostJson("/store/customers/me/email/confirm", new { token }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_email_change_token");
    }

    [Fact]
    public async Task AnEmailTakenMeanwhile_IsAConflict_AndNothingChanges()
    {
        var (mine, theirs) = (AccountData.Email("mine"), AccountData.Email("theirs"));
        var me = AccountData.As(app, (await AccountData.NewAccountAsync(app, mine)).Str("accessToken"));
        await (await me.PostJson("/store/customers/me/email", new { email = theirs, password = AccountData.Password })).Json(HttpStatusCode.Accepted);
        var token = await LinkTokenAsync(theirs);
        await (await AccountData.RegisterAsync(app, theirs)).Json(HttpStatusCode.Accepted);

        await (await app.Store().PostJson("/store/customers/me/email/confirm", new { token })).Problem(HttpStatusCode.Conflict, "customers.email_taken");
        Assert.Equal(mine, (await (await me.GetAsync("/store/customers/me")).Json()).Str("email"));
        await (await AccountData.SignInAsync(app, mine)).Json();
    }

    [GeneratedRegex(@"confirm-email\?token=([A-Za-z0-9._\-]+)")]
    private static partial Regex LinkToken();
}
