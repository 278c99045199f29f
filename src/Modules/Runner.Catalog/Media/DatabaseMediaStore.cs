using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;

namespace Runner.Catalog.Media;

/// <summary>The default <see cref="IMediaStore"/>: the bytes in <c>catalog_media</c>, shared by every host process.</summary>
internal sealed class DatabaseMediaStore(RunnerDbContext db, TimeProvider clock) : IMediaStore
{
    public async Task SaveAsync(StoredMedia media, CancellationToken ct = default)
    {
        if (await db.Set<MediaFile>().AnyAsync(m => m.Hash == media.Hash, ct)) return;
        var row = new MediaFile
        {
            Hash = media.Hash, ContentType = media.ContentType, Bytes = media.Bytes, Size = media.Bytes.LongLength,
            Width = media.Width, Height = media.Height, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request stored the same bytes a moment before: the image is there, which is all that was asked.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    public async Task<StoredMedia?> GetAsync(string hash, CancellationToken ct = default) =>
        await db.Set<MediaFile>().AsNoTracking().Where(m => m.Hash == hash)
            .Select(m => new StoredMedia(m.Hash, m.ContentType, m.Bytes, m.Width, m.Height)).FirstOrDefaultAsync(ct);

    /// <summary>From the row's stored size: the bytes stay in the database.</summary>
    public async Task<StoredMediaInfo?> DescribeAsync(string hash, CancellationToken ct = default) =>
        await db.Set<MediaFile>().AsNoTracking().Where(m => m.Hash == hash)
            .Select(m => new StoredMediaInfo(m.ContentType, m.Size)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<string, string>> ContentTypesAsync(IReadOnlyCollection<string> hashes, CancellationToken ct = default)
    {
        if (hashes.Count == 0) return new Dictionary<string, string>();
        // Projected first, so the bytes stay in the database.
        return await db.Set<MediaFile>().Where(m => hashes.Contains(m.Hash)).Select(m => new { m.Hash, m.ContentType })
            .ToDictionaryAsync(m => m.Hash, m => m.ContentType, StringComparer.Ordinal, ct);
    }
}
