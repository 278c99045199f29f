using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

public class PlatformTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Health_LiveAndReady_AnswerWithoutAKey()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_IsVersion31_AndDescribesEveryMappedOperation()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Json();
        Assert.StartsWith("3.1", doc.Str("openapi"));
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/admin/store", out var store));
        Assert.True(store.TryGetProperty("patch", out var patch));
        Assert.True(patch.GetProperty("responses").TryGetProperty("400", out var bad));
        Assert.Contains("Problem", bad.GetRawText());
        Assert.True(patch.TryGetProperty("security", out _));
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.True(schemes.TryGetProperty("secretKey", out _));
        Assert.True(schemes.TryGetProperty("publishableKey", out _));
    }

    [Fact]
    public async Task OpenApi_TypedIds_AreUuidStrings()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Json();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var id = schemas.GetProperty("ChannelResponse").GetProperty("properties").GetProperty("id");
        if (id.TryGetProperty("$ref", out var reference)) id = schemas.GetProperty(reference.GetString()!.Split('/').Last());
        Assert.Equal("uuid", id.Str("format"));
        Assert.Contains("string", id.GetProperty("type").GetRawText());
    }

    [Fact]
    public async Task Docs_AreServedByTheHost()
    {
        var response = await app.CreateClient().GetAsync("/docs/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", html);
        Assert.DoesNotContain("https://", html);
        var script = await app.CreateClient().GetAsync("/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_IsA404Problem() =>
        await (await app.Admin().GetAsync("/admin/nothing-here")).Problem(HttpStatusCode.NotFound, "request.not_found");

    [Fact]
    public async Task MalformedJson_IsA400NamingTheBody()
    {
        var response = await app.Admin().SendRaw(HttpMethod.Post, "/admin/channels", "{\"name\": ");
        (await response.Problem(HttpStatusCode.BadRequest, "request.malformed_json")).HasFieldError("body");
    }

    [Fact]
    public async Task WrongContentType_Is415Problem() =>
        await (await app.Admin().SendRaw(HttpMethod.Post, "/admin/channels", "name=x", "text/plain"))
            .Problem(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");

    [Fact]
    public async Task WrongFieldType_NamesTheField()
    {
        var problem = await (await app.Admin().SendRaw(HttpMethod.Post, "/admin/channels", "{\"name\": 42}"))
            .Problem(HttpStatusCode.BadRequest, "request.invalid_field");
        problem.HasFieldError("name");
    }

    [Fact]
    public async Task Timestamps_AreUtcWithZ()
    {
        var store = await (await app.Admin().GetAsync("/admin/store")).Json();
        Assert.EndsWith("Z", store.Str("updatedAt"));
    }

    [Fact]
    public async Task ProblemBodies_NeverLeakExceptionDetails()
    {
        var problem = await (await app.Admin().SendRaw(HttpMethod.Post, "/admin/channels", "[1,2,3]")).Json(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("System.", problem.GetRawText());
        Assert.DoesNotContain("   at ", problem.GetRawText());
        _ = JsonSerializer.Serialize(problem);
    }
}
