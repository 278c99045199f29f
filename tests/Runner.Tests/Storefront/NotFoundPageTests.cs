using System.Net;
using System.Net.Http.Headers;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Storefront;

/// <summary>
/// An address nothing serves: a browser gets the storefront's "Page not found" page, the API's callers a problem; both
/// with 404.
/// </summary>
public class NotFoundPageTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<HttpResponseMessage> GetAsync(string url, string? accept, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return await app.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/dashboard/no-such-page")]
    [InlineData("/collections/a/b/c?x=1")]
    public async Task ABrowser_GetsTheStorefrontsPage_With404(string url)
    {
        using var response = await GetAsync(url, "text/html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", html);
        Assert.Contains("href=\"/\"", html);
    }

    [Theory]
    [InlineData("/no-such-page", null)]
    [InlineData("/no-such-page", "application/json")]
    [InlineData("/store/no-such-thing", "text/html")]
    [InlineData("/admin/no-such-thing", "text/html")]
    public async Task AnApiCaller_GetsAProblem_With404(string url, string? accept)
    {
        using var response = await GetAsync(url, accept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"request.not_found\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APostToAnUnknownAddress_GetsAProblem_NotAPage()
    {
        using var response = await GetAsync("/no-such-page", "text/html", HttpMethod.Post);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode); // the pages take posts at any address
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync());
    }
}
