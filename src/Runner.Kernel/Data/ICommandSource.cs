using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Runner.Kernel.Data;

/// <summary>
/// An interceptor that makes the context's commands (as SQLite's statement cache does) implements this, so commands
/// written by hand (<see cref="Sql.CommandAsync"/>) are made the same way as EF Core's: a statement run again is not
/// compiled again.
/// </summary>
public interface ICommandSource
{
    DbCommand Create(DbConnection connection);

    /// <summary>The command source among the context's interceptors, if any (looked up once per options instance).</summary>
    internal static ICommandSource? Of(DbContext db)
    {
        var options = db.GetService<IDbContextOptions>();
        return Sources.GetValue(options, static o => new Holder(o.FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<ICommandSource>().FirstOrDefault())).Source;
    }

    private sealed record Holder(ICommandSource? Source);

    private static readonly ConditionalWeakTable<IDbContextOptions, Holder> Sources = [];
}
