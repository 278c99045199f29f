using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Runner.Kernel.Ids;

/// <summary>
/// A strongly typed id over a UUIDv7 (time-ordered, so new rows land at the end of indexes).
/// It travels as a bare UUID string in JSON and as a uuid (PostgreSQL) or text (SQLite) column.
/// </summary>
public interface ITypedId<TSelf> where TSelf : struct, ITypedId<TSelf>
{
    Guid Value { get; }
    static abstract TSelf Create(Guid value);
}

public static class TypedId
{
    public static T New<T>() where T : struct, ITypedId<T> => T.Create(Guid.CreateVersion7());

    public static bool TryParse<T>([NotNullWhen(true)] string? text, out T id) where T : struct, ITypedId<T>
    {
        if (Guid.TryParse(text, out var g)) { id = T.Create(g); return true; }
        id = default;
        return false;
    }

    public static bool IsTypedId(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITypedId<>));
}

/// <summary>Writes and reads typed ids as bare UUID strings.</summary>
public sealed class TypedIdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => TypedId.IsTypedId(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TypedIdJsonConverter<>).MakeGenericType(typeToConvert))!;
}

public sealed class TypedIdJsonConverter<T> : JsonConverter<T> where T : struct, ITypedId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var g)) return T.Create(g);
        throw new JsonException("Expected an id: a UUID string.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Guid.TryParse(reader.GetString(), out var g) ? T.Create(g) : throw new JsonException("Expected an id: a UUID string.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value.ToString());
}

/// <summary>Stores a typed id as its Guid; the provider then maps the Guid to uuid or text.</summary>
public sealed class TypedIdValueConverter<T>() : ValueConverter<T, Guid>(id => id.Value, g => Create(g))
    where T : struct, ITypedId<T>
{
    private static T Create(Guid value) => T.Create(value);
}
