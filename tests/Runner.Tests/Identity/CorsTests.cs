using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>CORS: the store API answers browsers on the origins listed on a live channel, and nobody else.</summary>
public class CorsTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<string> ChannelOriginAsync()
    {
        var origin = $"https://{Guid.NewGuid().ToString("N")[..8]}.shop.example";
        await (await app.Admin().PostJson("/admin/channels", new { name = "Web " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = new[] { origin } }))
            .Json(HttpStatusCode.Created);
        return origin;
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-publishable-key,authorization,idempotency-key");
        return request;
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;

    [Fact]
    public async Task ListedOrigin_PassesThePreflight_WithCredentials()
    {
        var origin = await ChannelOriginAsync();
        var response = await app.Store(key: null).SendAsync(Preflight("/store/carts", origin));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, AllowedOrigin(response));
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("x-publishable-key", headers);
        Assert.Contains("idempotency-key", headers);

        var get = new HttpRequestMessage(HttpMethod.Get, "/store/products");
        get.Headers.Add("Origin", origin);
        var answer = await app.Store().SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(origin, AllowedOrigin(answer));
        Assert.Contains("Location", string.Join(",", answer.Headers.GetValues("Access-Control-Expose-Headers")));
    }

    [Fact]
    public async Task OtherOrigins_AndTheAdminApi_GetNoCorsHeaders()
    {
        var origin = await ChannelOriginAsync();
        Assert.Null(AllowedOrigin(await app.Store(key: null).SendAsync(Preflight("/store/carts", "https://evil.example"))));
        Assert.Null(AllowedOrigin(await app.Store(key: null).SendAsync(Preflight("/store/carts", origin.Replace("https:", "http:")))));
        Assert.Null(AllowedOrigin(await app.Store(key: null).SendAsync(Preflight("/admin/products", origin))));

        var get = new HttpRequestMessage(HttpMethod.Get, "/store/products");
        get.Headers.Add("Origin", "https://evil.example");
        Assert.Null(AllowedOrigin(await app.Store().SendAsync(get)));
    }

    [Fact]
    public async Task AnArchivedChannel_NoLongerOpensItsOrigins()
    {
        var origin = $"https://{Guid.NewGuid().ToString("N")[..8]}.gone.example";
        var channel = await (await app.Admin().PostJson("/admin/channels", new { name = "Gone " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = new[] { origin } }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(origin, AllowedOrigin(await app.Store(key: null).SendAsync(Preflight("/store/carts", origin))));
        await (await app.Admin().DeleteAsync($"/admin/channels/{channel.Str("id")}")).Json(HttpStatusCode.NoContent);
        Assert.Null(AllowedOrigin(await app.Store(key: null).SendAsync(Preflight("/store/carts", origin))));
    }
}
