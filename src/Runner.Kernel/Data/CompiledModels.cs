using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Runner.Kernel.Data;

/// <summary>
/// The compiled model (<c>dotnet ef dbcontext optimize</c>) that a migrations assembly carries for its provider. Using
/// it spares each start building the model from the modules' configurations, the largest part of a start's CPU.
/// <c>./add-migration.sh</c> regenerates both, and a test fails when either differs from the model the modules build.
/// </summary>
public static class CompiledModels
{
    /// <summary>Uses the compiled model of <paramref name="migrationsAssembly"/>, when it has one.</summary>
    public static DbContextOptionsBuilder UseCompiledModel(this DbContextOptionsBuilder options, string migrationsAssembly)
    {
        if (Find(migrationsAssembly) is { } model) options.UseModel(model);
        return options;
    }

    /// <summary>
    /// Found through the assembly's <see cref="DbContextModelAttribute"/> rather than named in code, so the host still
    /// builds (and falls back to building the model at start) while the script has deleted it to regenerate it.
    /// </summary>
    public static IModel? Find(string migrationsAssembly)
    {
        var attribute = Assembly.Load(new AssemblyName(migrationsAssembly)).GetCustomAttributes<DbContextModelAttribute>()
            .SingleOrDefault(a => a.ContextType == typeof(RunnerDbContext));
        return attribute?.ModelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IModel;
    }
}
