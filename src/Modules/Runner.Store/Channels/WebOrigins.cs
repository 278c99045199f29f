using System.Net;

namespace Runner.Store.Channels;

/// <summary>
/// The rules for a storefront's web origins and passkey relying-party id. An origin is a scheme, host and port, nothing
/// more; <c>https</c> only, except on the loopback (<c>http://localhost:3000</c> while developing a storefront). The
/// relying-party id is a domain every origin's host equals or ends with (WebAuthn's rule), never an IP address.
/// </summary>
public static class WebOrigins
{
    public const int MaxOrigins = 20;

    /// <summary>The origin in canonical form (lower case, no default port, no trailing slash), or null when it is not one.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200) return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri.Host))) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return null;
        return uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant();
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public static string HostOf(string origin) => new Uri(origin).Host;

    /// <summary>True when <paramref name="rpId"/> may serve as the relying-party id of a page on <paramref name="origin"/>.</summary>
    public static bool CoversOrigin(string rpId, string origin)
    {
        var host = HostOf(origin);
        return host.Equals(rpId, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + rpId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A relying-party id is a lower-case domain name: letters, digits, hyphens, dots.</summary>
    public static bool IsDomain(string value) =>
        value.Length is > 0 and <= 253 && !IPAddress.TryParse(value, out _)
        && value.Split('.').All(label => label.Length is > 0 and <= 63 && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && label[0] != '-' && label[^1] != '-');
}
