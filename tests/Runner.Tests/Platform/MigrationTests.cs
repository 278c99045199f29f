using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Host.Composition;
using Runner.Kernel;
using Runner.Kernel.Data;

namespace Runner.Tests.Platform;

/// <summary>The migration sets of both providers match the model: a change to an entity without a migration fails here.</summary>
public class MigrationTests
{
    [Theory]
    [InlineData("sqlite", "Data Source=:memory:")]
    [InlineData("postgres", "Host=127.0.0.1;Database=runner_model_check")]
    public void Model_HasNoPendingChanges(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runner:Database:Provider"] = provider,
            ["Runner:Database:ConnectionString"] = connectionString,
        }).Build();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.AddRunner();
        using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        Assert.Equal(provider == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, db.Provider());
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes without a migration: run dotnet ef migrations add (see CONTRIBUTING.md).");
    }
}
