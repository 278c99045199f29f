using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Runner.Kernel.Http;

/// <summary>
/// Where people reach this store, for links written outside a request (emails, the start-up banner):
/// <c>Runner:PublicUrl</c> when set, else the first address the host listens on, a wildcard host
/// (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) read as <c>localhost</c>. No trailing slash; null when neither is known.
/// </summary>
public static class PublicAddress
{
    public static string? Of(IServiceProvider services)
    {
        if (services.GetService<IConfiguration>()?["Runner:PublicUrl"] is { Length: > 0 } configured) return configured.TrimEnd('/');
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return null;
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return address.TrimEnd('/');
    }

    /// <summary>
    /// A link for an email: <paramref name="url"/> as it is when absolute (<c>http://</c>, <c>https://</c>), else made
    /// absolute with <see cref="Of"/> (left relative when no address is known).
    /// </summary>
    public static string Absolute(IServiceProvider services, string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || Of(services) is not { } root ? url : root + "/" + url.TrimStart('/');
}
