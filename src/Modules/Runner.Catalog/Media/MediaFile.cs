namespace Runner.Catalog.Media;

/// <summary>A row of <c>catalog_media</c>: an uploaded image's bytes, keyed by their SHA-256.</summary>
internal sealed class MediaFile
{
    public required string Hash { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    public long Size { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
