using System.Text.Json;
using Runner.Kernel.Results;

namespace Runner.Inventory.Stock;

/// <summary>Reads the keys of a decoded cursor, refusing (400, never 500) a cursor whose keys are not what this list wrote.</summary>
internal static class CursorKeys
{
    public static Guid Id(JsonElement key) =>
        key.ValueKind == JsonValueKind.String && key.TryGetGuid(out var id) ? id : throw Invalid();

    public static DateTimeOffset Time(JsonElement key) =>
        key.ValueKind == JsonValueKind.String && key.TryGetDateTimeOffset(out var time) ? time : throw Invalid();

    private static DomainException Invalid() => new(Error.Invalid("cursor", "paging.invalid_cursor",
        "cursor is not a cursor this list returned; start again without it."));
}
