using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Runner.Kernel.Data;

namespace Runner.Tests.Kernel;

/// <summary>
/// <see cref="CompiledQuery{TQuery}"/> runs one query against contexts of two models in one process (the tests hold
/// SQLite's and PostgreSQL's), where EF Core's own compiled query refuses the second model. Two SQLite databases whose
/// models name the table differently stand for the two.
/// </summary>
public class CompiledQueryTests
{
    private sealed class Note
    {
        public int Id { get; set; }
        public required string Text { get; set; }
    }

    /// <summary>A context whose model maps notes to the table it is given: one model per table name.</summary>
    private sealed class NotesContext(DbContextOptions<NotesContext> options, string table) : DbContext(options)
    {
        public string Table { get; } = table;
        protected override void OnModelCreating(ModelBuilder model) => model.Entity<Note>().ToTable(Table);
    }

    private sealed class TableKey : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (((NotesContext)context).Table, designTime);
    }

    private static readonly CompiledQuery<Func<NotesContext, string, CancellationToken, Task<Note?>>> ByText = new(() =>
        EF.CompileAsyncQuery((NotesContext db, string text, CancellationToken ct) => db.Set<Note>().AsNoTracking().FirstOrDefault(n => n.Text == text)));

    private static async Task<NotesContext> OpenAsync(SqliteConnection connection, string table)
    {
        var options = new DbContextOptionsBuilder<NotesContext>().UseSqlite(connection)
            .ReplaceService<IModelCacheKeyFactory, TableKey>().Options;
        var db = new NotesContext(options, table);
        await db.Database.EnsureCreatedAsync();
        db.Add(new Note { Text = "in " + table });
        await db.SaveChangesAsync();
        return db;
    }

    [Fact]
    public async Task OneQuery_RunsAgainstTwoModels_EachReadingItsOwnTable()
    {
        await using var first = new SqliteConnection("Data Source=:memory:");
        await using var second = new SqliteConnection("Data Source=:memory:");
        await first.OpenAsync();
        await second.OpenAsync();
        await using var a = await OpenAsync(first, "notes_a");
        await using var b = await OpenAsync(second, "notes_b");
        Assert.NotSame(a.Model, b.Model);

        Assert.Equal("in notes_a", (await ByText.For(a)(a, "in notes_a", default))?.Text);
        Assert.Equal("in notes_b", (await ByText.For(b)(b, "in notes_b", default))?.Text);
        Assert.Null(await ByText.For(b)(b, "in notes_a", default));
        Assert.Equal("in notes_a", (await ByText.For(a)(a, "in notes_a", default))?.Text);

        // What the helper is for: EF Core's compiled query is bound to the first model it met.
        var plain = EF.CompileAsyncQuery((NotesContext db, string text, CancellationToken ct) => db.Set<Note>().FirstOrDefault(n => n.Text == text));
        await plain(a, "in notes_a", default);
        await Assert.ThrowsAsync<InvalidOperationException>(() => plain(b, "in notes_b", default));
    }
}
