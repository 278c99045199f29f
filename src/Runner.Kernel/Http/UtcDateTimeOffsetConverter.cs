using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Kernel.Http;

/// <summary>Writes instants in UTC with a Z (<c>2026-11-25T21:07:07.123Z</c>); reads any ISO 8601 instant with an offset.</summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)) return value.ToUniversalTime();
        throw new JsonException("Expected an ISO 8601 instant such as 2026-11-25T21:07:07Z.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
