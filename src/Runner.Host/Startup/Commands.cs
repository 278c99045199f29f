using Microsoft.Extensions.Options;
using Runner.Host.Composition;
using Runner.Identity.ApiKeys;

namespace Runner.Host.Startup;

/// <summary>
/// One-shot commands of the host: <c>migrate</c> (bring the database to the current schema and stop) and
/// <c>keys create-admin</c> (print a new admin key, e.g. when the first one was lost) and <c>demo-template</c> (see
/// <see cref="DemoTemplate"/>).
/// </summary>
public static class Commands
{
    public static bool IsCommand(string arg) => arg is "migrate" or "keys" or "demo-template" or "help";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["demo-template", var output])
        {
            await DemoTemplate.CreateAsync(Path.GetFullPath(output), CancellationToken.None);
            return 0;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Skip(args[0] == "keys" ? 2 : 1).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration["Runner:Seed:Demo"] ??= "false";
        builder.Configuration["Runner:Outbox:Enabled"] = "false";
        builder.AddRunner();
        await using var app = builder.Build();
        switch (args)
        {
            case ["migrate", ..]:
                var report = await RunnerStartup.InitializeAsync(app.Services, CancellationToken.None);
                Console.Out.WriteLine($"Database is up to date: {report.Database}");
                return 0;
            case ["keys", "create-admin", ..]:
                await RunnerStartup.InitializeAsync(app.Services, CancellationToken.None);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var secret = await AdminKeys.CreateAsync(scope.ServiceProvider, "Admin key (command line)", CancellationToken.None);
                    Console.Out.WriteLine($"New admin key (shown once): {secret}");
                }
                return 0;
            default:
                Console.Out.WriteLine("""
                    Usage: dotnet run --project src/Runner.Host [-- <command>] [--urls http://127.0.0.1:5000] [--Runner:Key=value ...]
                      (no command)       start the engine
                      migrate            apply database migrations and stop
                      keys create-admin  create a new admin API key with every permission and print it once
                      demo-template <file>  make the demo store database a first start copies (the build runs it)
                    """);
                return args[0] == "help" ? 0 : 2;
        }
    }
}
