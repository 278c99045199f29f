using Runner.Kernel.Http;

namespace Runner.Host.Startup;

/// <summary>
/// Tells the operator where Runner listens and how to reach it. Written straight to the console, never through
/// the logger, so a key never lands in a log pipeline.
/// </summary>
public static class Banner
{
    public static void Print(WebApplication app, StartupReport report)
    {
        if (!app.Configuration.GetValue("Runner:Console:Banner", true)) return;
        var url = PublicAddress.Of(app.Services) ?? "http://localhost:5000";
        var keys = report.Keys;
        var o = Console.Out;
        o.WriteLine();
        o.WriteLine("  Runner is ready.");
        o.WriteLine($"    Database        {report.Database}" + (report.DemoProducts > 0 ? $" (demo store seeded: {report.DemoProducts} products)" : ""));
        o.WriteLine($"    Storefront      {url}/");
        o.WriteLine($"    Dashboard       {url}/dashboard");
        o.WriteLine($"    Storefront API  {url}/store/products");
        o.WriteLine($"    Admin API       {url}/admin/products");
        o.WriteLine($"    API reference   {url}/docs   (OpenAPI: {url}/openapi/v1.json)");
        o.WriteLine($"    Health          {url}/health/ready");
        o.WriteLine();
        o.WriteLine($"    Publishable key X-Publishable-Key: {keys.PublishableKey}");
        if (keys.AdminKey is not null && keys.AdminKeyFromConfiguration)
            o.WriteLine($"    Admin API key   Authorization: Bearer {keys.AdminKey}   (from Runner:Bootstrap:AdminKey)");
        else if (keys.AdminKey is not null)
            o.WriteLine($"    Admin API key   Authorization: Bearer {keys.AdminKey}   (shown once: save it now)");
        else
            o.WriteLine("    Admin API key   created at the first start and shown then; a new one: dotnet run --project src/Runner.Host -- keys create-admin");
        if (keys.Owner is { } owner)
            o.WriteLine(owner.Password is null
                ? $"    Dashboard Owner {owner.Email}   (password from Runner:Bootstrap:OwnerPassword)"
                : $"    Dashboard Owner {owner.Email}   password {owner.Password}   (shown once: save it now)");
        o.WriteLine();
        o.Flush();
    }
}
