using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;
using Runner.Tests.Storefront;

namespace Runner.Tests.Kernel;

/// <summary>A generated secret is made once per database: every host process over it reads the same bytes.</summary>
public class SharedSecretsTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    private static async Task<byte[]> SecretAsync(RunnerApp app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SharedSecrets>()
            .GetAsync(scope.ServiceProvider.GetRequiredService<RunnerDbContext>(), name, CancellationToken.None);
    }

    [Fact]
    public async Task TwoProcessesAskingAtOnce_GetTheSameSecret_AndKeepIt()
    {
        var both = await Task.WhenAll(SecretAsync(hosts.First, "test_secret"), SecretAsync(hosts.Second, "test_secret"));
        Assert.Equal(32, both[0].Length);
        Assert.Equal(both[0], both[1]);
        Assert.Equal(both[0], hosts.Second.Services.GetRequiredService<SharedSecrets>().Known("test_secret"));
        Assert.NotEqual(both[0], await SecretAsync(hosts.First, "another_secret"));
        await Assert.ThrowsAsync<ArgumentException>(() => SecretAsync(hosts.First, new string('x', 51)));
    }

    [Fact]
    public async Task ASecretMadeInATransactionThatRollsBack_IsNotKept_AndEveryProcessEndsWithTheStoredOne()
    {
        var name = "rolled_" + Guid.NewGuid().ToString("N")[..8];
        byte[] inRolledBack;
        await using (var scope = hosts.First.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            inRolledBack = await scope.ServiceProvider.GetRequiredService<SharedSecrets>().GetAsync(db, name, CancellationToken.None);
            await transaction.RollbackAsync();
        }
        Assert.Null(hosts.First.Services.GetRequiredService<SharedSecrets>().Known(name));

        var second = await SecretAsync(hosts.Second, name);
        var first = await SecretAsync(hosts.First, name);
        Assert.Equal(second, first);
        Assert.NotEqual(inRolledBack, first);
    }

    [SkippableFact]
    public async Task OnSqlite_ANewSecret_IsOnDiskBeforeItIsUsed()
    {
        Skip.If(hosts.First.Database.IsPostgres, "Group commit is SQLite's; PostgreSQL commits on its own.");
        await using var scope = hosts.First.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var durability = SqliteDurability.For(db.Database.GetDbConnection().DataSource);
        var before = durability.Flushes;
        await scope.ServiceProvider.GetRequiredService<SharedSecrets>().GetAsync(db, "durable_" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        Assert.True(durability.Flushes > before, "the new secret was stored without waiting for a flush of the log");
    }
}
