using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Runner.Kernel.Ids;

namespace Runner.Kernel.Data;

/// <summary>
/// The one database context of Runner. It has no entities of its own beyond the kernel's (outbox); each module
/// contributes its tables through <see cref="IModelContributor"/>, handed over in the options
/// (<see cref="RunnerModelExtension"/>) so the context can be pooled.
/// </summary>
public sealed class RunnerDbContext(DbContextOptions<RunnerDbContext> options) : DbContext(options)
{
    private RunnerModelExtension Modules =>
        this.GetService<IDbContextOptions>().FindExtension<RunnerModelExtension>()
        ?? throw new InvalidOperationException("RunnerDbContext was configured without UseRunnerModel(...).");

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (this.Provider() == DatabaseProvider.Sqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTimestampConverter>().HaveMaxLength(28);
        }
        foreach (var idType in Modules.Contributors.Select(c => c.GetType().Assembly).Append(typeof(RunnerDbContext).Assembly)
                     .Distinct().SelectMany(SafeTypes).Where(TypedId.IsTypedId))
        {
            configurationBuilder.Properties(idType).HaveConversion(typeof(TypedIdValueConverter<>).MakeGenericType(idType));
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var provider = this.Provider();
        new KernelModel().Configure(modelBuilder, provider);
        foreach (var contributor in Modules.Contributors) contributor.Configure(modelBuilder, provider);
    }

    private static IEnumerable<Type> SafeTypes(System.Reflection.Assembly assembly) => assembly.GetTypes();
}
