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

// The server listens at once and answers 503 (but for the health probes) until the start-up has prepared the
// database and the store: starting the server and preparing the database run side by side.
try
{
    await app.StartAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Another Runner (or another program) already listens there: say so and how to pick another address.
    Console.Error.WriteLine($"Runner could not start: {e.Message}");
    Console.Error.WriteLine("Stop what listens there, or start Runner on another address: "
        + "dotnet run --project src/Runner.Host -- --urls http://localhost:5001");
    return 1;
}
try
{
    var report = await RunnerStartup.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
    Banner.Print(app, report);
}
catch (Exception e) when (e is not OperationCanceledException)
{
    app.Logger.LogCritical(e, "Runner could not start: {Message}", e.Message);
    await app.StopAsync();
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>The entry point; public so integration tests can host it (WebApplicationFactory&lt;Program&gt;).</summary>
public partial class Program;
