using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Security;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Identity.AccountData;

namespace Runner.Tests.Identity;

/// <summary>A host with small limits: 3 failed sign-ins lock an email; 8 sign-ins from one address per window.</summary>
public sealed class LimitedApp : RunnerApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Identity:Limits:FailuresPerEmail", "3");
        builder.UseSetting("Runner:Identity:Limits:SignInsPerIp", "8");
        builder.UseSetting("Runner:Identity:Limits:RegistrationsPerIp", "4");
    }
}

/// <summary>
/// Lockout and rate limits, counted in the database. Every request of a test host comes from one address, and xUnit
/// runs a class's tests one at a time: each test starts with that address's counts cleared.
/// </summary>
public class SignInLimitTests(LimitedApp app) : IClassFixture<LimitedApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.WithDbAsync(db => db.Set<AttemptCounter>()
        .Where(a => a.Scope == Attempts.SignInIp || a.Scope == Attempts.RegisterIp).ExecuteDeleteAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FailedSignIns_LockTheEmail_WhetherOrNotItHasAnAccount_AndOnlyThatEmail()
    {
        var email = Email();
        var unknown = Email("nobody");
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        var before = await CountAsync();

        for (var i = 0; i < 3; i++)
        {
            await (await SignInAsync(app, email, "wrong password " + i)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
            await (await SignInAsync(app, unknown, "wrong password " + i)).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }
        // Now even the right password is refused, and an unknown email is locked the same way: a lockout tells nothing.
        var locked = await SignInAsync(app, email);
        var problem = await locked.Problem(HttpStatusCode.TooManyRequests, "auth.too_many_attempts");
        Assert.Contains("locked", problem.Str("detail"));
        Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) > 0);
        await (await SignInAsync(app, unknown)).Problem(HttpStatusCode.TooManyRequests, "auth.too_many_attempts");
        Assert.Equal(before + 8, await CountAsync());
    }

    [Fact]
    public async Task ASuccessfulSignIn_EndsARunOfFailures()
    {
        var email = Email();
        await (await RegisterAsync(app, email)).Json(HttpStatusCode.Accepted);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 2; i++) await (await SignInAsync(app, email, "wrong")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
            await (await SignInAsync(app, email)).Json();
        }
    }

    [Fact]
    public async Task RegistrationsFromOneAddress_AreLimited()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) answers.Add((await RegisterAsync(app, Email())).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.True(answers.Count(a => a == HttpStatusCode.Accepted) <= 4);
    }

    [Fact]
    public async Task SignInsFromOneAddress_AreLimited_EvenWithTheRightPassword()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) answers.Add((await SignInAsync(app, Email("anyone"))).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        var last = await SignInAsync(app, Email("late"));
        await last.Problem(HttpStatusCode.TooManyRequests, "auth.too_many_attempts");
    }

    [Fact]
    public async Task MagicLinkGuesses_CountAsSignIns_FromTheirAddress()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            answers.Add((await app.Store().PostJson("/store/auth/magic-link/verify", new { token = "guess" + i })).StatusCode);
        Assert.Equal(8, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task PasskeySignIns_CountAsSignIns_FromTheirAddress()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            var url = i % 2 == 0 ? "/store/auth/passkeys/sign-in" : "/admin/auth/passkeys/sign-in";
            answers.Add((await app.Store().PostJson(url, new { challengeId = "guess" + i, credential = new { id = "x" } })).StatusCode);
        }
        Assert.Equal(8, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    /// <summary>The sign-ins of this address counted so far in the current window.</summary>
    private Task<int> CountAsync() => app.WithDbAsync(db => db.Set<AttemptCounter>().Where(a => a.Scope == Attempts.SignInIp)
        .SumAsync(a => a.Count));
}
