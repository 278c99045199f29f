using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Hosting;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

/// <summary>The admin and publishable keys fixed by configuration, as a script sets them.</summary>
public class BootstrapKeyTests
{
    /// <summary>Keys whose first eight characters after the prefix are the same: a key is found by those characters.</summary>
    private sealed class SameLookupApp : RunnerApp
    {
        protected override bool WaitForStartup => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Runner:Bootstrap:AdminKey", "rk_benchbenchbenchbenchbench");
            builder.UseSetting("Runner:Bootstrap:PublishableKey", "pk_benchbenchbenchbenchbench");
        }
    }

    [Fact]
    public async Task AdminAndPublishableKeys_ThatWouldBeFoundByTheSameCharacters_StopTheStart_WithAClearMessage()
    {
        await using var app = new SameLookupApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => app.Services.GetRequiredService<StartupGate>().Ready.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("publishable key collides with another key", error.Message);
        Assert.Contains("'benchben'", error.Message);
    }
}
