namespace Runner.Catalog.Contracts;

/// <summary>An uploaded image as stored: named by the SHA-256 of its bytes (lower-case hex), so the same bytes are one image.</summary>
public sealed record StoredMedia(string Hash, string ContentType, byte[] Bytes, int? Width, int? Height);

/// <summary>What a <c>HEAD</c> of an image tells: its content type and its size in bytes.</summary>
public sealed record StoredMediaInfo(string ContentType, long Size);

/// <summary>
/// Where uploaded images live. The default keeps them in the database (<c>catalog_media</c>), which every host process
/// shares; an object store can take its place through DI. Images are never changed (their name is their hash).
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores <paramref name="media"/>; an image already stored under its hash is kept as it is.</summary>
    Task SaveAsync(StoredMedia media, CancellationToken ct = default);

    /// <summary>The image stored under <paramref name="hash"/>, or null.</summary>
    Task<StoredMedia?> GetAsync(string hash, CancellationToken ct = default);

    /// <summary>
    /// The content type and size of the image stored under <paramref name="hash"/>, or null. A store that can answer
    /// without reading the bytes should (the default reads them).
    /// </summary>
    async Task<StoredMediaInfo?> DescribeAsync(string hash, CancellationToken ct = default) =>
        await GetAsync(hash, ct) is { } media ? new StoredMediaInfo(media.ContentType, media.Bytes.LongLength) : null;

    /// <summary>The content type of each of <paramref name="hashes"/> that names a stored image (the others are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> ContentTypesAsync(IReadOnlyCollection<string> hashes, CancellationToken ct = default);
}
