using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Host.Composition;
using Runner.Kernel.Data;

namespace Runner.Tests.Platform;

/// <summary>
/// The host starts on the compiled model of each provider (CompiledModel/ in the migrations projects), not on the model
/// the modules build. A change to an entity or a module's configuration without ./add-migration.sh fails here.
/// </summary>
public class CompiledModelTests
{
    [Theory]
    [InlineData("sqlite", "Data Source=:memory:")]
    [InlineData("postgres", "Host=127.0.0.1;Database=runner_model_check")]
    public void CompiledModel_MatchesTheModelTheModulesBuild(string provider, string connectionString)
    {
        var compiled = ModelOf(provider, connectionString, compiledModel: true);
        var built = ModelOf(provider, connectionString, compiledModel: false);

        Assert.True(built == compiled,
            $"The {provider} compiled model is stale: run ./add-migration.sh (see CONTRIBUTING.md).");
    }

    private static string ModelOf(string provider, string connectionString, bool compiledModel)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runner:Database:Provider"] = provider,
            ["Runner:Database:ConnectionString"] = connectionString,
            ["Runner:Database:CompiledModel"] = compiledModel ? "true" : "false",
        });
        builder.AddRunner();
        using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<RunnerDbContext>().Model.ToDebugString();
    }
}
