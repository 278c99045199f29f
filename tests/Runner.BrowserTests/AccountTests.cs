using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>A shopper's account on the storefront: made, signed in to with a code by email, used to buy and to keep addresses.</summary>
[Collection(StoreCollection.Name)]
public sealed partial class AccountTests(StoreFixture store)
{
    [SkippableFact]
    public async Task AShopper_CreatesAnAccount_SignsInWithAnEmailedCode_BuysSignedIn_AndKeepsAnAddress()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var email = $"account-{Guid.NewGuid():N}@example.com";
        var page = await store.NewPageAsync(phone: true);
        await page.GotoAsync("/account");
        await StoreFixture.CheckAsync(page, "store-account-signed-out");
        await page.Locator("#r-email").FillAsync(email);
        await page.Locator("#r-password").FillAsync("a-good-long-password-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Welcome");

        // Passwordless: the code the email carries.
        await page.Locator("#c-email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        var code = CodeIn().Match(await MailAsync(email, "Your sign-in code")).Groups[1].Value;
        await page.Locator("#c-code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).Nth(1).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync($"Signed in as {email}");

        // An order placed signed in is in the account's history.
        var order = await Shopper.BuyAsync(page, "beanie", "Harbor Knit Beanie", "Rust", 1, Shopper.GoodCard);
        await page.GotoAsync("/account");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = order })).ToBeVisibleAsync();

        await Shopper.FillAddressAsync(page, new("Grace", "Hopper", "2 Harbor Rd", "Seattle", "WA", "98101", Country: null));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("2 Harbor Rd");
        await StoreFixture.CheckAsync(page, "store-account");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    private async Task<string> MailAsync(string to, string subject)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(store.Host.MailFolder))
                foreach (var file in Directory.GetFiles(store.Host.MailFolder, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase) && text.Contains(subject, StringComparison.Ordinal))
                        return text.Replace("=\r\n", "").Replace("=\n", "");
                }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No email '{subject}' to {to} arrived.");
    }

    [GeneratedRegex(@"Your sign-in code is ([0-9]{6})")]
    private static partial Regex CodeIn();
}
