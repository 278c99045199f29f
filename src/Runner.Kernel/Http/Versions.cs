using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Kernel.Http;

/// <summary>
/// Optimistic concurrency over HTTP for a versioned resource (<see cref="Data.IVersioned"/>): its reads and writes
/// answer its version as a strong ETag (<c>"7"</c>), and a write that sends <c>If-Match</c> is refused with 412 unless
/// one of the tags it lists (or <c>*</c>) is the current one, so a change made from an old read never overwrites a
/// newer one. A write without <c>If-Match</c> goes ahead; two that race after passing the check still meet the row's
/// version in their <c>UPDATE</c> (one gets 409 <c>request.concurrent_update</c>).
/// </summary>
public static class Versions
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>What an endpoint's reference says of If-Match: the code of its 412 and what it guards.</summary>
    public static string IfMatchNote(string code, string what) =>
        $"Send `If-Match` with the ETag (or `version`) of a read to have the request refused (412 `{code}`) if someone changed {what} since.";

    /// <summary>Sets the response's ETag to <paramref name="version"/>'s.</summary>
    public static void Tag(HttpContext http, long version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>
    /// Null when the request may change the resource at <paramref name="version"/>; otherwise 412 with
    /// <paramref name="code"/>, telling that <paramref name="what"/> changed since it was read.
    /// </summary>
    public static Error? Check(HttpContext http, long version, string code, string what)
    {
        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0) return null;
        var current = ETag(version);
        var tags = ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (tags.Any(t => t == "*" || t == current)) return null;
        return new Error(code, $"{what} changed since the read whose ETag If-Match sends (the ETag is now {current}); read again, then retry.",
            ErrorKind.PreconditionFailed);
    }

    /// <summary>
    /// Deletes the one row <paramref name="row"/> selects, honouring <c>If-Match</c>: null once it is deleted,
    /// <paramref name="notFound"/> when there is no such row, 412 with <paramref name="code"/> when If-Match names
    /// another version or the row changed between the check and the delete.
    /// </summary>
    public static async Task<Error?> DeleteAsync<T>(HttpContext http, IQueryable<T> row, Error notFound, string code, string what,
        CancellationToken ct) where T : class, IVersioned
    {
        if (http.Request.Headers.IfMatch.Count == 0) return await row.ExecuteDeleteAsync(ct) == 0 ? notFound : null;
        var version = await row.Select(r => (long?)r.Version).FirstOrDefaultAsync(ct);
        if (version is not { } seen) return notFound;
        if (Check(http, seen, code, what) is { } stale) return stale;
        if (await row.Where(r => r.Version == seen).ExecuteDeleteAsync(ct) > 0) return null;
        var now = await row.Select(r => (long?)r.Version).FirstOrDefaultAsync(ct);
        return now is { } changed ? Check(http, changed, code, what) : notFound;
    }
}
