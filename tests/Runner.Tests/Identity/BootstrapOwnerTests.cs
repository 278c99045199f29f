using System.Net;
using Microsoft.AspNetCore.Hosting;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>A first start with the Owner's email and password configured, as the browser tests and scripts start Runner.</summary>
public class OwnerApp : RunnerApp
{
    public const string Email = "first-owner@example.com";
    public const string Password = "a-long-owner-passphrase-42";

    protected override bool CreateOwner => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Bootstrap:OwnerEmail", Email);
        builder.UseSetting("Runner:Bootstrap:OwnerPassword", Password);
    }
}

public class BootstrapOwnerTests(OwnerApp app) : IClassFixture<OwnerApp>
{
    [Fact]
    public async Task AStoreWithoutStaff_GetsItsOwner_WhoSignsInToTheDashboard()
    {
        var signedIn = await (await app.CreateClient().PostJson("/admin/auth/password", new { email = OwnerApp.Email, password = OwnerApp.Password })).Json();
        var me = await (await StaffData.With(app, signedIn.Str("accessToken")).GetAsync("/admin/auth/me")).Json();
        Assert.Equal("owner", me.Str("role"));
        Assert.Equal(OwnerApp.Email, me.Str("email"));

        // Once staff exist, a restart makes no other Owner.
        var again = await Runner.Host.Startup.RunnerStartup.InitializeAsync(app.Services, CancellationToken.None);
        Assert.Null(again.Keys.Owner);
        var wrong = await app.CreateClient().PostJson("/admin/auth/password", new { email = OwnerApp.Email, password = "not-the-password-at-all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
