using System.Text.Json;
using Runner.Kernel.Http;

namespace Runner.Orders.Orders;

/// <summary>The JSON snapshots an order keeps (addresses, tax lines, allocations), written with Runner's JSON rules.</summary>
internal static class OrderJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, RunnerJson.Options);

    public static string? WriteOrNull<T>(T? value) where T : class => value is null ? null : Write(value);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, RunnerJson.Options)
        ?? throw new InvalidOperationException("An order snapshot is empty.");

    public static T? ReadOrNull<T>(string? json) where T : class => json is null ? null : Read<T>(json);
}
