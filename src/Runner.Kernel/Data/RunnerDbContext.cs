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

    private DatabaseProvider? _provider;

    /// <summary>The database this context talks to (see <see cref="DatabaseProviderExtensions.Provider"/>).</summary>
    public DatabaseProvider DatabaseProvider => _provider ??= DatabaseProviderExtensions.Of(this);

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

    private readonly List<Action> _afterCommit = [];

    /// <summary>The application's services (singletons such as caches), for code that holds only the context.</summary>
    public IServiceProvider AppServices =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
        ?? throw new InvalidOperationException("The context was created without the application's service provider.");

    /// <summary>
    /// Runs <paramref name="action"/> when this context next commits: its open transaction, or the one SaveChanges
    /// opens; never if that rolls back. Caches are invalidated this way, so no reader can refill a cache with data
    /// that is not committed yet.
    /// </summary>
    public void AfterCommit(Action action)
    {
        lock (_afterCommit) _afterCommit.Add(action);
    }

    internal void RunAfterCommit()
    {
        Action[] actions;
        lock (_afterCommit)
        {
            actions = [.. _afterCommit];
            _afterCommit.Clear();
        }
        foreach (var action in actions) action();
    }

    internal void DiscardAfterCommit()
    {
        lock (_afterCommit) _afterCommit.Clear();
    }

    private static IEnumerable<Type> SafeTypes(System.Reflection.Assembly assembly) => assembly.GetTypes();
}
