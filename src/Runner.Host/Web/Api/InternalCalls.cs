using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Runner.Host.Web.Api;

/// <summary>
/// The dashboard and the storefront pages call the API of the process that serves them, over loopback HTTP, with the
/// visitor's own credentials. Such a call carries this process's secret (made at start, never written anywhere), the
/// visitor's address and whether they came over HTTPS; the API then sees the visitor (rate limits, fraud velocity and
/// the audit log count them, not 127.0.0.1). Without the secret, or from another machine, the headers count for nothing.
/// </summary>
public sealed class InternalCalls
{
    public const string SecretHeader = "X-Runner-Internal";
    public const string ClientIpHeader = "X-Runner-Client-Ip";
    public const string ClientSecureHeader = "X-Runner-Client-Secure";

    private readonly byte[] _secret = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    public string Secret => Encoding.ASCII.GetString(_secret);

    /// <summary>Marks <paramref name="request"/> as made for the visitor of <paramref name="visitor"/>.</summary>
    public void Stamp(HttpRequestMessage request, HttpContext visitor)
    {
        request.Headers.TryAddWithoutValidation(SecretHeader, Secret);
        if (visitor.Connection.RemoteIpAddress is { } ip) request.Headers.TryAddWithoutValidation(ClientIpHeader, ip.ToString());
        if (visitor.Request.IsHttps) request.Headers.TryAddWithoutValidation(ClientSecureHeader, "1");
        if (visitor.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent) request.Headers.TryAddWithoutValidation("User-Agent", agent);
    }

    /// <summary>First in the pipeline: a call stamped by this process takes on its visitor; other stamps are removed.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var headers = http.Request.Headers;
        if (headers.TryGetValue(SecretHeader, out var sent))
        {
            var trusted = http.Connection.RemoteIpAddress is { } from && IPAddress.IsLoopback(from)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sent.ToString()), _secret);
            if (trusted)
            {
                if (IPAddress.TryParse(headers[ClientIpHeader].ToString(), out var visitor)) http.Connection.RemoteIpAddress = visitor;
                if (headers[ClientSecureHeader] == "1") http.Request.Scheme = "https";
            }
        }
        headers.Remove(SecretHeader);
        headers.Remove(ClientIpHeader);
        headers.Remove(ClientSecureHeader);
        await next(http);
    }
}
