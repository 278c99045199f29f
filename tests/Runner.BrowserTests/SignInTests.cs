using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The dashboard's sign-ins beyond a password: a passkey (Chromium's virtual authenticator) and TOTP.</summary>
[Collection(StoreCollection.Name)]
public sealed class SignInTests(StoreFixture store)
{
    [SkippableFact]
    public async Task AStaffMember_AddsAPasskey_AndSignsInWithIt()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var (email, token) = await StaffAccounts.InviteAsync(store, "operations");
        var page = await store.NewPageAsync();
        // The invitation's link: the new member chooses a password.
        await page.GotoAsync("/dashboard/accept-invitation?token=" + Uri.EscapeDataString(token));
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("Choose a password")).FillAsync(StaffAccounts.Password);
        await StoreFixture.CheckAsync(page, "dashboard-accept-invitation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your account is ready");
        // A platform authenticator that verifies its user, as a laptop's fingerprint reader would.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await Merchant.SignInAsync(page, email, StaffAccounts.Password);
        await page.GotoAsync("/dashboard/account");
        await page.GetByLabel("Name of the new passkey").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("[data-passkey-row]")).ToContainTextAsync("Test laptop");
        await StoreFixture.CheckAsync(page, "dashboard-account");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await StoreFixture.ReachedAsync(page, "/dashboard/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");
        await Expect(page.Locator("header.top")).ToContainTextAsync("operations member");
    }

    [SkippableFact]
    public async Task AStaffMember_TurnsOnTotp_AndTheNextSignInAsksForACode()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var email = await StaffAccounts.CreateAsync(store, "marketing");
        var page = await store.NewPageAsync(phone: true);
        await Merchant.SignInAsync(page, email, StaffAccounts.Password);
        await page.GotoAsync("/dashboard/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var secret = await page.Locator("[data-totp-secret]").InnerTextAsync();
        await page.GetByLabel("Code from the app").FillAsync(StaffAccounts.Totp(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await StoreFixture.CheckAsync(page, "dashboard-sign-in-totp");
        // The code of the next step: the one used to turn TOTP on may not be used again.
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("Code from your authenticator app")).FillAsync(StaffAccounts.Totp(secret, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");
    }
}
