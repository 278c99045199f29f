using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Runner.Kernel.Data;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>) for each model it runs against. A compiled query skips
/// what EF Core does for every LINQ query it runs (extracting the parameters from the expression tree, hashing the
/// tree to find its cached plan): measured here at 130–250 µs of CPU a query, three to four times the query's own
/// cost on SQLite. It is kept for the hot reads of the checkout and of the handlers every order runs.
/// <para>
/// EF Core binds a compiled query to the first model it meets and refuses any other, and one process may hold
/// contexts of two models (SQLite and PostgreSQL: the tests do). So the query is compiled once per model, and the
/// models are held weakly: a test host's model that is gone takes its queries with it.
/// </para>
/// </summary>
/// <example><code>
/// private static readonly CompiledQuery&lt;Func&lt;RunnerDbContext, string, CancellationToken, Task&lt;bool&gt;&gt;&gt; Exists = new(() =&gt;
///     EF.CompileAsyncQuery((RunnerDbContext db, string key, CancellationToken ct) =&gt; db.Set&lt;Row&gt;().Any(r =&gt; r.Key == key)));
/// …
/// await Exists.For(db)(db, key, ct);
/// </code></example>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    /// <summary>The query compiled for the model of <paramref name="db"/>; pass it the same context.</summary>
    public TQuery For(DbContext db) => _byModel.TryGetValue(db.Model, out var query) ? query : _byModel.GetValue(db.Model, _ => compile());
}
