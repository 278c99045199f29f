using System.Net;
using Runner.Identity.Security;
using Runner.Identity.Staff;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Identity.PasskeyData;

namespace Runner.Tests.Identity;

/// <summary>Staff passkeys for the dashboard (the host's own address), registered and used by a software authenticator.</summary>
public class StaffPasskeyTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Staff_RegistersAPasskey_AndSignsInWithoutTheTotpStep()
    {
        var email = AccountData.Email("pk-staff");
        var id = await StaffData.CreateAsync(app, email, BuiltInRoles.Operations);
        var staff = await StaffData.SignedInAsync(app, email);
        var secret = Base32.Decode((await (await staff.PostAsync("/admin/auth/mfa/totp", null)).Json()).Str("secret"))!;
        await (await staff.PostJson("/admin/auth/mfa/totp/confirm", new { code = Totp.Compute(secret, DateTimeOffset.UtcNow) })).Json();
        Assert.True((await (await app.Store(key: null).PostJson("/admin/auth/password", new { email, password = StaffData.Password })).Json())
            .GetProperty("mfaRequired").GetBoolean());

        var authenticator = new SoftwareAuthenticator();
        var (registered, credential) = await RegisterAsync(staff, authenticator, Staff);
        var passkey = await registered.Json(HttpStatusCode.Created);
        Assert.Equal(passkey.Str("id"), Assert.Single((await (await staff.GetAsync(Staff)).Json()).EnumerateArray()).Str("id"));

        var signedIn = await (await SignInAsync(app.Store(key: null), authenticator, credential, Staff)).Json();
        Assert.False(signedIn.GetProperty("mfaRequired").GetBoolean());
        var me = await (await StaffData.With(app, signedIn.Str("accessToken")).GetAsync("/admin/auth/me")).Json();
        Assert.Equal(id, me.Str("id"));
        // Without user verification the passkey is one factor: the TOTP step follows, as after a password.
        var unverified = await (await SignInAsync(app.Store(key: null), authenticator, credential, Staff, verified: false)).Json();
        Assert.True(unverified.GetProperty("mfaRequired").GetBoolean());
        Assert.Null(unverified.GetProperty("accessToken").GetString());

        // A customer's storefront does not take a staff passkey, nor the other way round.
        await (await SignInAsync(app.Store(), authenticator, credential, Customer)).Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");

        await (await app.Admin().PostAsync($"/admin/staff/{id}/disable", null)).Json();
        await (await SignInAsync(app.Store(key: null), authenticator, credential, Staff)).Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
    }

    [Fact]
    public async Task WhenTheStoreRequiresMfa_AVerifiedPasskeySignInCounts_AndAPasswordAloneDoesNot()
    {
        var email = AccountData.Email("pk-required");
        await StaffData.CreateAsync(app, email, BuiltInRoles.Operations);
        var authenticator = new SoftwareAuthenticator();
        var (registered, credential) = await RegisterAsync(await StaffData.SignedInAsync(app, email), authenticator, Staff);
        await registered.Json(HttpStatusCode.Created);
        await (await app.Admin().PatchJson("/admin/settings/security", new { requireStaffMfa = true })).Json();
        try
        {
            var byPassword = await StaffData.SignedInAsync(app, email);
            Assert.True((await (await byPassword.GetAsync("/admin/auth/me")).Json()).GetProperty("mfaEnrolmentRequired").GetBoolean());
            await (await byPassword.GetAsync("/admin/products")).Problem(HttpStatusCode.Forbidden, "auth.mfa_enrolment_required");

            var tokens = await (await SignInAsync(app.Store(key: null), authenticator, credential, Staff)).Json();
            var byPasskey = StaffData.With(app, tokens.Str("accessToken"));
            Assert.False((await (await byPasskey.GetAsync("/admin/auth/me")).Json()).GetProperty("mfaEnrolmentRequired").GetBoolean());
            Assert.Equal(HttpStatusCode.OK, (await byPasskey.GetAsync("/admin/products")).StatusCode);

            // The strength of the sign-in survives a refresh; a passkey that did not verify its user is one factor.
            var refreshed = await (await app.Store(key: null).PostJson("/admin/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).Json();
            Assert.Equal(HttpStatusCode.OK, (await StaffData.With(app, refreshed.Str("accessToken")).GetAsync("/admin/products")).StatusCode);
            var weak = await (await SignInAsync(app.Store(key: null), authenticator, credential, Staff, verified: false)).Json();
            await (await StaffData.With(app, weak.Str("accessToken")).GetAsync("/admin/products"))
                .Problem(HttpStatusCode.Forbidden, "auth.mfa_enrolment_required");
        }
        finally
        {
            await (await app.Admin().PatchJson("/admin/settings/security", new { requireStaffMfa = false })).Json();
        }
    }

    [Fact]
    public async Task AStaffMember_RemovesOnlyTheirOwnPasskey()
    {
        var first = AccountData.Email("pk-staff-a");
        var second = AccountData.Email("pk-staff-b");
        await StaffData.CreateAsync(app, first, BuiltInRoles.Support);
        await StaffData.CreateAsync(app, second, BuiltInRoles.Support);
        var a = await StaffData.SignedInAsync(app, first);
        var b = await StaffData.SignedInAsync(app, second);
        var (registered, _) = await RegisterAsync(a, new SoftwareAuthenticator(), Staff);
        var id = (await registered.Json(HttpStatusCode.Created)).Str("id");
        Assert.Empty((await (await b.GetAsync(Staff)).Json()).EnumerateArray());
        await (await b.DeleteAsync($"{Staff}/{id}")).Problem(HttpStatusCode.NotFound, "passkeys.not_found");
        await (await a.DeleteAsync($"{Staff}/{id}")).Json(HttpStatusCode.NoContent);
        Assert.Empty((await (await a.GetAsync(Staff)).Json()).EnumerateArray());
    }
}
