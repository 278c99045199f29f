using Microsoft.Data.Sqlite;
using Runner.Host.Composition;
using Runner.Kernel.Data;

namespace Runner.Host.Startup;

/// <summary>
/// The demo store, made once by the build instead of at every first start. Building the host runs
/// <c>Runner.Host demo-template</c>, which applies the migrations and seeds the demo store through the modules' own
/// services (exactly the start-up path, minus the keys) into <c>demo-store.db</c> beside the binaries. A first start
/// on SQLite that would seed the demo store copies that file instead: the same rows, in a few milliseconds instead of
/// seconds of cold code (migrations, query compilation, the first save of every module). The keys are made at start,
/// per database; nothing secret is in the file. Without the file (a build that could not make it, a copied binary)
/// the start-up seeds as before.
/// </summary>
public static class DemoTemplate
{
    public const string FileName = "demo-store.db";

    /// <summary>Where the host looks for the file: <c>Runner:Seed:TemplatePath</c>, else beside the binaries.</summary>
    public static string PathFrom(IConfiguration configuration) =>
        configuration["Runner:Seed:TemplatePath"] is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>
    /// Copies the template to the database file when the database does not exist yet; false when it was not used
    /// (no template, in-memory database, a file already there, or another process won the race to create it).
    /// </summary>
    public static bool TryInstall(string connectionString, string template)
    {
        var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(target) || target == ":memory:" || target.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || !File.Exists(template) || File.Exists(target) || File.Exists(target + "-wal"))
            return false;
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(template, staging);
            // The move either creates the database file whole or fails because it appeared meanwhile.
            File.Move(staging, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
        finally
        {
            File.Delete(staging);
        }
    }

    /// <summary>Makes the template at <paramref name="output"/> (the <c>demo-template</c> command).</summary>
    public static async Task CreateAsync(string output, CancellationToken ct)
    {
        var work = Path.Combine(Path.GetTempPath(), $"runner-demo-{Guid.NewGuid():N}.db");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Runner:Database:Provider"] = "sqlite",
                ["Runner:Database:ConnectionString"] = $"Data Source={work};Pooling=false",
                ["Runner:Seed:Demo"] = "true",
                ["Runner:Seed:Template"] = "false",
                ["Runner:Outbox:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.AddRunner();
            await using (var app = builder.Build())
            {
                await RunnerStartup.PrepareTemplateAsync(app.Services, ct);
            }
            var staging = output + ".tmp";
            File.Delete(staging);
            await using (var connection = new SqliteConnection($"Data Source={work};Pooling=false"))
            {
                await connection.OpenAsync(ct);
                await using var vacuum = connection.CreateCommand();
                // A compact copy in rollback-journal mode: one file, no -wal beside it.
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", staging);
                await vacuum.ExecuteNonQueryAsync(ct);
            }
            File.Move(staging, output, overwrite: true);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(work + suffix);
        }
    }

    /// <summary>
    /// Whether a new database may start from the template: on SQLite, with the demo store on (its default there),
    /// unless <c>Runner:Seed:Template</c> is false (then the start-up seeds it live).
    /// </summary>
    internal static bool Applies(DatabaseProvider provider, IConfiguration configuration) =>
        provider == DatabaseProvider.Sqlite && (configuration.GetValue<bool?>("Runner:Seed:Demo") ?? true)
        && configuration.GetValue("Runner:Seed:Template", true);
}
