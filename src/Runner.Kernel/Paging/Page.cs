using System.Buffers.Text;
using System.Text.Json;
using Runner.Kernel.Results;

namespace Runner.Kernel.Paging;

/// <summary>One page of a list: <c>{ "items": [...], "nextCursor": "..." | null }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// An opaque cursor: the sort key of the last item of the previous page (keyset paging), so pages stay stable while
/// rows are added and deep pages cost the same as the first. Clients must not build or parse it.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static string Encode(params object?[] keys) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keys));

    /// <summary>Decodes a cursor into its keys, or fails with <c>paging.invalid_cursor</c>.</summary>
    public static JsonElement[]? Decode(string? cursor, int expectedKeys)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            var keys = JsonSerializer.Deserialize<JsonElement[]>(bytes);
            if (keys is not null && keys.Length == expectedKeys) return keys;
        }
        catch (Exception e) when (e is FormatException or JsonException) { }
        throw Invalid();
    }

    /// <summary>A decoded key that must be an id; a cursor this list did not write fails with 400, never 500.</summary>
    public static Guid IdKey(JsonElement key) =>
        key.ValueKind == JsonValueKind.String && key.TryGetGuid(out var id) ? id : throw Invalid();

    /// <summary>A decoded key that must be an instant.</summary>
    public static DateTimeOffset TimeKey(JsonElement key) =>
        key.ValueKind == JsonValueKind.String && key.TryGetDateTimeOffset(out var time) ? time : throw Invalid();

    /// <summary>A decoded key that must be a whole number.</summary>
    public static long LongKey(JsonElement key) =>
        key.ValueKind == JsonValueKind.Number && key.TryGetInt64(out var value) ? value : throw Invalid();

    private static DomainException Invalid() => new(Error.Invalid("cursor", "paging.invalid_cursor",
        "cursor is not a cursor this list returned; start again without it."));

    /// <summary>Checks a requested page size (default 20, at most 100).</summary>
    public static int Limit(int? limit)
    {
        if (limit is null) return DefaultLimit;
        if (limit is < 1 or > MaxLimit)
            throw new DomainException(Error.Invalid("limit", "paging.invalid_limit", $"limit must be between 1 and {MaxLimit}."));
        return limit.Value;
    }

    /// <summary>Cuts a query result fetched with limit + 1 rows into a page, encoding the cursor from the last item.</summary>
    public static Page<T> ToPage<TRow, T>(IReadOnlyList<TRow> rows, int limit, Func<TRow, T> map, Func<TRow, string> cursorOf)
    {
        var more = rows.Count > limit;
        var items = new List<T>(Math.Min(rows.Count, limit));
        for (var i = 0; i < rows.Count && i < limit; i++) items.Add(map(rows[i]));
        return new Page<T>(items, more ? cursorOf(rows[limit - 1]) : null);
    }
}
