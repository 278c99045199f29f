using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Runner.Host.Web.Api;

/// <summary>
/// Where the pages reach this process's own API: <c>Runner:Web:ApiAddress</c> when set, else the first address the
/// server listens on over HTTP (HTTPS when there is none), a wildcard or <c>localhost</c> read as 127.0.0.1.
/// </summary>
public sealed class SelfAddress(IServer server, IConfiguration configuration)
{
    private Uri? _address;

    public Uri Value => _address ??= Resolve();

    private Uri Resolve()
    {
        if (configuration["Runner:Web:ApiAddress"] is { Length: > 0 } configured) return new Uri(configured.TrimEnd('/') + "/");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // A server without addresses is one in memory (the integration tests' test server), reached by its handler.
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault() ?? "http://localhost";
        foreach (var host in new[] { "://+", "://*", "://0.0.0.0", "://[::]", "://localhost" })
            address = address.Replace(host, "://127.0.0.1", StringComparison.OrdinalIgnoreCase);
        return new Uri(address.TrimEnd('/') + "/");
    }
}
