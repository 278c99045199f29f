using Runner.Host.Composition;
using Runner.Host.Startup;

// Runner: one process serving the storefront API (/store), the admin API (/admin), the API reference (/docs)
// and the background work (outbox), over an embedded SQLite file by default or a shared PostgreSQL.
if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args);
}

// Settings files live beside the binaries; the database file lives in the working folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddRunner();

var app = builder.Build();
app.UseRunner();

var report = await RunnerStartup.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app, report));
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host it (WebApplicationFactory&lt;Program&gt;).</summary>
public partial class Program;
