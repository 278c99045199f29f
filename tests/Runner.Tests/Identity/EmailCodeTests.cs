using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Identity.Accounts;
using Runner.Identity.Sessions;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Identity.AccountData;

namespace Runner.Tests.Identity;

public partial class EmailCodeTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<(string Code, string Link)> AskAsync(string email)
    {
        await (await app.Store().PostJson("/store/auth/email-code", new { email })).Json(HttpStatusCode.Accepted);
        var mail = (await MailAsync(app, email, "Your sign-in code")).Replace("=\r\n", "").Replace("=\n", "");
        return (CodeIn().Match(mail).Groups[1].Value, LinkIn().Match(mail).Groups[1].Value);
    }

    [Fact]
    public async Task TheEmailedCode_SignsIn_Once_AndVerifiesTheEmail()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var (code, _) = await AskAsync(email);
        Assert.Matches("^[0-9]{6}$", code);

        var tokens = await (await app.Store().PostJson("/store/auth/email-code/verify", new { email = email.ToUpperInvariant(), code })).Json();
        var me = await (await As(app, tokens.Str("accessToken")).GetAsync("/store/customers/me")).Json();
        Assert.True(me.GetProperty("emailVerified").GetBoolean());
        await (await app.Store().PostJson("/store/auth/email-code/verify", new { email, code })).Problem(HttpStatusCode.Unauthorized, "auth.invalid_code");
        // Only keyed hashes are kept.
        var row = await app.WithDbAsync(db => db.Set<SignInCode>().SingleAsync(c => c.EmailKey == email));
        Assert.NotNull(row.UsedAt);
        Assert.Equal(32, row.CodeHash.Length);
    }

    [Fact]
    public async Task TheMagicLink_SignsIn_AndThenTheCodeIsSpent()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var (code, link) = await AskAsync(email);
        Assert.StartsWith(RunnerApp.PublicUrl + "/account/sign-in?token=", link);
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        await (await app.Store().PostJson("/store/auth/magic-link/verify", new { token })).Json();
        await (await app.Store().PostJson("/store/auth/magic-link/verify", new { token })).Problem(HttpStatusCode.Unauthorized, "auth.invalid_code");
        await (await app.Store().PostJson("/store/auth/email-code/verify", new { email, code })).Problem(HttpStatusCode.Unauthorized, "auth.invalid_code");
    }

    [Fact]
    public async Task FiveWrongCodes_EndTheCode()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var (code, _) = await AskAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < EmailCodes.MaxFailures; i++)
            await (await app.Store().PostJson("/store/auth/email-code/verify", new { email, code = wrong })).Problem(HttpStatusCode.Unauthorized, "auth.invalid_code");
        await (await app.Store().PostJson("/store/auth/email-code/verify", new { email, code })).Problem(HttpStatusCode.Unauthorized, "auth.invalid_code");
    }

    [Fact]
    public async Task AnEmailWithoutAnAccount_Gets202_AndItsInboxIsTold()
    {
        var email = Email("stranger");
        var answer = await (await app.Store().PostJson("/store/auth/email-code", new { email })).Json(HttpStatusCode.Accepted);
        Assert.Contains("no account here", await MailAsync(app, email, "Signing in to"));
        Assert.False(await app.WithDbAsync(db => db.Set<SignInCode>().AnyAsync(c => c.EmailKey == email)));
        Assert.False(await app.WithDbAsync(db => db.Set<CustomerAccount>().AnyAsync(a => a.EmailKey == email)));
        Assert.NotEmpty(answer.Str("message"));
    }

    [GeneratedRegex(@"Your sign-in code is ([0-9]{6})")]
    private static partial Regex CodeIn();

    [GeneratedRegex(@"(https?://\S+/account/sign-in\?token=[A-Za-z0-9_\-]+)")]
    private static partial Regex LinkIn();
}

public class IdentityHousekeepingTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task OldCountersCodesAndSessions_AreDropped_LiveOnesKept()
    {
        var now = DateTimeOffset.UtcNow;
        var (live, old) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.WithDbAsync(async db =>
        {
            db.Add(new Runner.Identity.Security.AttemptCounter { Scope = "sign_in_ip", Subject = "old", WindowStart = now.AddDays(-1), Count = 3 });
            db.Add(new Runner.Identity.Security.AttemptCounter { Scope = "sign_in_ip", Subject = "live", WindowStart = now.AddMinutes(-1), Count = 3 });
            foreach (var (id, expires) in new[] { (old, now.AddDays(-8)), (live, now.AddDays(1)) })
            {
                db.Add(new Session { Id = id, FamilyId = id, Kind = SessionKind.Customer, SubjectId = id, TokenHash = id.ToByteArray().Concat(id.ToByteArray()).ToArray(), CreatedAt = now, ExpiresAt = expires });
                db.Add(new SignInCode { Id = id, EmailKey = id + "@example.com", CustomerId = id, CodeHash = new byte[32], LinkHash = id.ToByteArray().Concat(id.ToByteArray()).ToArray(), CreatedAt = now, ExpiresAt = expires });
            }
            return await db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
            await ActivatorUtilities.CreateInstance<Runner.Identity.Security.IdentityHousekeeping>(scope.ServiceProvider).PassAsync(default);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(["live"], await db.Set<Runner.Identity.Security.AttemptCounter>().Where(a => a.Subject == "old" || a.Subject == "live").Select(a => a.Subject).ToListAsync());
            Assert.Equal([live], await db.Set<Session>().Where(s => s.Id == live || s.Id == old).Select(s => s.Id).ToListAsync());
            Assert.Equal([live], await db.Set<SignInCode>().Where(s => s.Id == live || s.Id == old).Select(s => s.Id).ToListAsync());
            return 0;
        });
    }
}
