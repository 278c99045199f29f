using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Runner.Tests.Infrastructure;
using Runner.Tests.Inventory;

namespace Runner.Tests.Identity;

/// <summary>Customer accounts through the storefront API: register, read the mailbox, sign in, call as the customer.</summary>
internal static partial class AccountData
{
    public const string Password = "correct horse battery";

    public static string Email(string prefix = "shopper") => InventoryData.Unique(prefix).ToLowerInvariant() + "@example.com";

    public static Task<HttpResponseMessage> RegisterAsync(RunnerApp app, string email, string password = Password, string? firstName = "Ada") =>
        app.Store().PostJson("/store/customers", new { email, password, firstName, lastName = "Lovelace" });

    public static Task<HttpResponseMessage> SignInAsync(RunnerApp app, string email, string password = Password) =>
        app.Store().PostJson("/store/auth/password", new { email, password });

    /// <summary>Registers and signs in: the token response.</summary>
    public static async Task<JsonElement> NewAccountAsync(RunnerApp app, string email)
    {
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        return await (await SignInAsync(app, email)).Json();
    }

    /// <summary>A storefront client signed in with <paramref name="accessToken"/>.</summary>
    public static HttpClient As(RunnerApp app, string accessToken)
    {
        var client = app.Store();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>The text of the first email to <paramref name="to"/> whose subject contains <paramref name="subject"/>, waiting for the outbox.</summary>
    public static async Task<string> MailAsync(RunnerApp app, string to, string subject)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(app.MailDirectory))
                foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase) && text.Contains(subject, StringComparison.Ordinal)) return text;
                }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No email '{subject}' to {to} arrived.");
    }

    /// <summary>The verification token of the link in a welcome email.</summary>
    public static string VerificationToken(string mail)
    {
        var unfolded = mail.Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
        return Uri.UnescapeDataString(VerifyLink().Match(unfolded).Groups[1].Value);
    }

    [GeneratedRegex(@"verify-email\?token=([A-Za-z0-9%._\-]+)")]
    private static partial Regex VerifyLink();
}
