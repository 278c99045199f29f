using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Runner.Kernel.Data;

/// <summary>Carries the modules' model contributors inside the context options, and keys the model cache by provider.</summary>
public sealed class RunnerModelExtension(IReadOnlyList<IModelContributor> contributors) : IDbContextOptionsExtension
{
    public IReadOnlyList<IModelContributor> Contributors { get; } = contributors;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private RunnerModelExtension Runner => (RunnerModelExtension)Extension;
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => $"Modules={Runner.Contributors.Count} ";
        public override int GetServiceProviderHashCode() =>
            Runner.Contributors.Aggregate(17, (h, c) => h * 31 + c.GetType().GetHashCode());
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo o && o.Runner.Contributors.Select(c => c.GetType())
                .SequenceEqual(Runner.Contributors.Select(c => c.GetType()));
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Runner:Modules"] = string.Join(",", Runner.Contributors.Select(c => c.GetType().Name));
    }

    /// <summary>The same context type builds a different model on SQLite and on PostgreSQL.</summary>
    private sealed class ProviderModelCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), context.Database.ProviderName, designTime);
    }
}

public static class RunnerModelOptions
{
    /// <summary>Configures the context with the modules' model and Runner's naming (snake_case columns).</summary>
    public static DbContextOptionsBuilder UseRunnerModel(this DbContextOptionsBuilder builder, IEnumerable<IModelContributor> contributors)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new RunnerModelExtension([.. contributors]));
        return builder.UseSnakeCaseNamingConvention();
    }
}
