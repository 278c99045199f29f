using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Runner.Catalog.Contracts;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Catalog.Media;

/// <summary>The limits of uploads (<c>Runner:Media</c>).</summary>
internal sealed class MediaOptions
{
    /// <summary>The largest image taken, in bytes: 10 MiB unless set.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>What an upload answers: the image's address, to put in a product's <c>media[].url</c>.</summary>
internal sealed record MediaResponse(string Url, string ContentType, long Bytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Width,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Height);

/// <summary>
/// <c>POST /admin/media</c> takes an image (JPEG, PNG, WebP, GIF, told by its bytes) and answers its address,
/// <c>/media/{sha256}.{ext}</c>; <c>GET /media/{name}</c> serves it to anyone, cached for good (the name changes with
/// the bytes).
/// </summary>
internal static class MediaEndpoints
{
    /// <summary>Room for the multipart framing around the file.</summary>
    private const long Framing = 64 * 1024;
    private const string Immutable = "public, max-age=31536000, immutable";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/media", Upload).RequirePermission(Permissions.CatalogWrite).WithTags("Media").WithName("UploadMedia")
            .WithSummary("Upload an image for product media")
            .WithDescription("multipart/form-data with one field, `file`: a JPEG, PNG, WebP or GIF image (recognised by its bytes; "
                + "the content type and file name sent are ignored), at most `Runner:Media:MaxBytes` (10 MiB unless set). "
                + "Answers the image's address, `/media/{sha256}.{ext}`, relative to the store: the same bytes always give the "
                + "same address and are stored once. Put it in a product's `media[].url`.")
            // No Accepts(multipart): routing would answer 415 to a caller before checking their access.
            .Produces<MediaResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        app.MapMethods("/media/{name}", [HttpMethods.Get, HttpMethods.Head], Serve).AllowPublic().WithTags("Media").WithName("GetMedia")
            .WithSummary("An uploaded image")
            .WithDescription("Served with its stored content type, cacheable for a year (`immutable`: the name is the hash of the "
                + "bytes), with the hash as ETag (`If-None-Match` answers 304).")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<MediaResponse>, ProblemHttpResult>> Upload(
        HttpRequest request, IMediaStore store, IOptions<MediaOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxBytes;
        if (!request.HasFormContentType) return Problems.Of(FileRequired());
        if (request.ContentLength > max + Framing) return Problems.Of(TooLarge(max));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + Framing;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + Framing, ValueCountLimit = 16 }, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Of(TooLarge(max));
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Of(TooLarge(max));
        }
        catch (InvalidDataException)
        {
            return Problems.Of(Error.Invalid("file", "media.malformed_upload", "The body is not readable multipart/form-data."));
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file) return Problems.Of(FileRequired());
        if (file.Length > max) return Problems.Of(TooLarge(max));

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        if (ImageFormat.Sniff(bytes) is not var (format, width, height))
            return Problems.Of(new Error("media.unsupported_type", "The file is not a JPEG, PNG, WebP or GIF image.", ErrorKind.UnsupportedMediaType,
                new Dictionary<string, string[]> { ["file"] = ["The file is not a JPEG, PNG, WebP or GIF image."] }));
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await store.SaveAsync(new StoredMedia(hash, format.ContentType, bytes, width, height), ct);
        var url = MediaAddress.Of(hash, format);
        return TypedResults.Created(url, new MediaResponse(url, format.ContentType, bytes.LongLength, width, height));
    }

    internal static async Task<IResult> Serve(string name, HttpContext http, IMediaStore store, CancellationToken ct)
    {
        var notFound = Problems.Of(Error.NotFound("media.not_found", "No uploaded image has this address."));
        if (!MediaAddress.TryParseName(name, out var hash, out var format)) return notFound;
        var etag = $"\"{hash}\"";
        var unchanged = http.Request.Headers.IfNoneMatch.Any(v => v is not null
            && v.Split(',').Any(t => t.Trim() is var x && (x == etag || x == "W/" + etag || x == "*")));
        // A revalidation and a HEAD need the type and the size, not the bytes.
        var head = HttpMethods.IsHead(http.Request.Method);
        var described = unchanged || head;
        var info = described ? await store.DescribeAsync(hash, ct) : null;
        var media = described ? null : await store.GetAsync(hash, ct);
        var contentType = info?.ContentType ?? media?.ContentType;
        if (contentType != format.ContentType) return notFound;
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = Immutable;
        headers.XContentTypeOptions = "nosniff";
        if (unchanged) return Results.StatusCode(StatusCodes.Status304NotModified);
        if (head)
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = info!.Size;
            return Results.Empty;
        }
        return Results.Bytes(media!.Bytes, contentType);
    }

    private static Error FileRequired() =>
        Error.Invalid("file", "media.file_required", "Send the image as multipart/form-data in a field named 'file'.");

    private static Error TooLarge(long max) =>
        new("media.too_large", $"An image is at most {max} bytes ({max / 1024.0 / 1024.0:0.#} MiB).", ErrorKind.PayloadTooLarge);
}
