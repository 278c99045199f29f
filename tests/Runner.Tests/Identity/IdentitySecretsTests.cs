using System.Net;
using System.Text.RegularExpressions;
using Runner.Identity.Security;
using Runner.Identity.Staff;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>The engine logging everything at Debug level, every line captured.</summary>
public sealed class LoggedIdentityApp : RunnerApp
{
    protected override bool CaptureLogs => true;
}

/// <summary>
/// Every secret of the identity flows (passwords, access and refresh tokens, emailed codes and links, TOTP secrets and
/// codes, API keys), used rightly and wrongly, then a scan of every log line, every problem response and every text
/// column of the database: none of them is there.
/// </summary>
public partial class IdentitySecretsTests(LoggedIdentityApp app) : IClassFixture<LoggedIdentityApp>
{
    private readonly List<string> _problems = [];

    private async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> sent)
    {
        var response = await sent;
        if (!response.IsSuccessStatusCode) _problems.Add(await response.Content.ReadAsStringAsync());
        return response;
    }

    [Fact]
    public async Task SecretsOfEveryFlow_AreInNoLogLineProblemOrTextColumn()
    {
        var email = AccountData.Email("secrets");
        const string password = "a very private phrase 42";
        var secrets = new List<string> { password };
        await Keep(app.Store().PostJson("/store/customers", new { email, password, firstName = "Ada" }));
        await Keep(app.Store().PostJson("/store/customers", new { email = AccountData.Email("weak"), password = "password12" }));
        await Keep(app.Store().PostJson("/store/auth/password", new { email, password = password + "!" }));
        var tokens = await (await Keep(app.Store().PostJson("/store/auth/password", new { email, password }))).Json();
        secrets.AddRange([tokens.Str("accessToken"), tokens.Str("refreshToken")]);
        var refreshed = await (await Keep(app.Store().PostJson("/store/auth/refresh", new { refreshToken = tokens.Str("refreshToken") }))).Json();
        secrets.AddRange([refreshed.Str("accessToken"), refreshed.Str("refreshToken")]);
        await Keep(app.Store().PostJson("/store/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })); // reuse: revoked
        await Keep(AccountData.As(app, refreshed.Str("accessToken")).GetAsync("/store/customers/me"));

        await Keep(app.Store().PostJson("/store/auth/email-code", new { email }));
        var mail = (await AccountData.MailAsync(app, email, "Your sign-in code")).Replace("=\r\n", "").Replace("=\n", "");
        var (code, link) = (CodeIn().Match(mail).Groups[1].Value, LinkIn().Match(mail).Groups[1].Value);
        secrets.Add(link); // the 6-digit code is left out of the scan: six digits turn up by chance in trace ids
        await Keep(app.Store().PostJson("/store/auth/email-code/verify", new { email, code = code == "000000" ? "111111" : "000000" }));
        await Keep(app.Store().PostJson("/store/auth/magic-link/verify", new { token = link }));
        await Keep(app.Store().PostJson("/store/auth/magic-link/verify", new { token = link }));

        await Keep(app.Store().PostJson("/store/auth/password-reset", new { email }));
        var reset = ResetIn().Match((await AccountData.MailAsync(app, email, "Reset your password")).Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "="))
            .Groups[1].Value;
        secrets.Add(reset);
        const string newPassword = "another private phrase 43";
        secrets.Add(newPassword);
        await Keep(app.Store().PostJson("/store/auth/password-reset/confirm", new { token = reset, password = newPassword }));
        await Keep(app.Store().PostJson("/store/auth/password-reset/confirm", new { token = reset, password = newPassword }));

        var staffEmail = AccountData.Email("secrets-staff");
        await Keep(app.Admin().PostJson("/admin/staff", new { email = staffEmail, name = "Sam", role = BuiltInRoles.Admin }));
        var invitation = await StaffData.InvitationAsync(app, staffEmail);
        secrets.Add(invitation);
        await Keep(app.Store(key: null).PostJson("/admin/auth/invitation/accept", new { token = invitation, password = "short" }));
        await Keep(app.Store(key: null).PostJson("/admin/auth/invitation/accept", new { token = invitation, password = StaffData.Password }));
        var staff = await StaffData.SignedInAsync(app, staffEmail);
        var secret = (await (await Keep(staff.PostAsync("/admin/auth/mfa/totp", null))).Json()).Str("secret");
        var totp = Totp.Compute(Base32.Decode(secret)!, DateTimeOffset.UtcNow);
        secrets.AddRange([secret, StaffData.Password]);
        var recovery = await (await Keep(staff.PostJson("/admin/auth/mfa/totp/confirm", new { code = totp }))).Json();
        secrets.AddRange(recovery.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!));
        await Keep(app.Store(key: null).PostJson("/admin/auth/password", new { email = staffEmail, password = StaffData.Password + "x" }));
        var step = await (await Keep(app.Store(key: null).PostJson("/admin/auth/password", new { email = staffEmail, password = StaffData.Password }))).Json();
        secrets.Add(step.Str("mfaToken"));
        await Keep(app.Store(key: null).PostJson("/admin/auth/mfa/verify", new { mfaToken = step.Str("mfaToken"), code = "12345" }));

        var key = (await (await Keep(app.Admin().PostJson("/admin/api-keys", new { name = "secret scan", kind = "secret", permissions = new[] { "catalog:read" } })))
            .Json(HttpStatusCode.Created)).Str("key");
        secrets.Add(key);
        await Keep(app.Admin(key).GetAsync("/admin/products"));
        await Keep(app.Admin(key + "x").GetAsync("/admin/products"));

        var texts = await DatabaseText.AllAsync(app);
        Assert.True(texts.Count > 20, "the scan found too little text to be meaningful");
        Assert.Contains(texts, t => t.Contains(staffEmail, StringComparison.Ordinal)); // it reads the tables these flows write
        Assert.NotEmpty(app.Logs);
        Assert.True(_problems.Count >= 8, "too few refusals were seen to be meaningful");
        Assert.All(secrets, s => Assert.True(s.Length >= 6, $"a secret was not read from its flow: '{s}'"));
        foreach (var text in texts.Concat(app.Logs).Concat(_problems))
            foreach (var s in secrets)
                Assert.False(text.Contains(s, StringComparison.Ordinal), $"A secret ({s[..3]}...) appears in: {text[..Math.Min(300, text.Length)]}");
    }

    [Fact]
    public void AFreshStart_ReadsNoTableBeforeTheDatabaseIsReady() =>
        // The Data Protection key ring once loaded while the start-up was still creating the tables.
        Assert.DoesNotContain(app.Logs, line => (line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
            && (line.Contains("DataProtection", StringComparison.Ordinal) || line.Contains("no such table", StringComparison.Ordinal)
                || line.Contains("does not exist", StringComparison.Ordinal)));

    [GeneratedRegex(@"Your sign-in code is ([0-9]{6})")]
    private static partial Regex CodeIn();

    [GeneratedRegex(@"/account/sign-in\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkIn();

    [GeneratedRegex(@"reset-password\?token=([A-Za-z0-9._\-]+)")]
    private static partial Regex ResetIn();
}
